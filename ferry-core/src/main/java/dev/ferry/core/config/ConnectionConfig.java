package dev.ferry.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * One named connection of the config, with references already resolved.
 *
 * @param url     for ClickHouse the HTTP base URL (given, or built from host and port); null for the others
 * @param options  extra driver settings, passed through as written
 * @param timeouts how long to wait on the server ({@code timeouts:}), defaults where not set
 */
public record ConnectionConfig(String name, ConnectionType type, String host, int port, String database, String user,
                               Secret password, String url, Map<String, String> options, Timeouts timeouts) {

    /** A connection with the default timeouts. */
    public ConnectionConfig(String name, ConnectionType type, String host, int port, String database, String user,
                            Secret password, String url, Map<String, String> options) {
        this(name, type, host, port, database, user, password, url, options, Timeouts.DEFAULTS);
    }

    public ConnectionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        options = Map.copyOf(options);
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    }

    /** Leaves out the password, whose own toString would only name its source, to keep log lines short. */
    @Override
    public String toString() {
        return "ConnectionConfig[name=" + name + ", type=" + type + ", host=" + host + ", port=" + port
                + ", database=" + database + ", user=" + user + (url == null ? "" : ", url=" + dev.ferry.core.net.UrlRedaction.redact(url))
                + ", options=" + maskedOptions() + "]";
    }

    /** Option values that may be secrets (passwords, keys, JAAS lines) are not shown. */
    private Map<String, String> maskedOptions() {
        Map<String, String> masked = new java.util.TreeMap<>();
        options.forEach((key, value) -> masked.put(key,
                key.matches("(?i).*(password|secret|jaas|key|token|credential).*") ? "****" : value));
        return masked;
    }
}
