package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code ferry connections add} as given, turned into a connection with the defaults a config
 * file entry of that type gets (ports, ClickHouse's URL and database), and checked the same way: what a type
 * needs is required, what it does not use is refused rather than silently dropped.
 *
 * @param port 0 when not given
 */
record ConnectionSpec(String name, ConnectionType type, String host, int port, String database, String user,
                      String url, String bootstrap, Map<String, String> options) {

    ConnectionSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Kafka without a user speaks no SASL, so it has no password to ask for. */
    boolean needsPassword() {
        return type != ConnectionType.KAFKA || user != null;
    }

    ConnectionConfig toConfig(Secret password) {
        return switch (type) {
            case POSTGRES, MYSQL -> sql(password);
            case CLICKHOUSE -> clickhouse(password);
            case KAFKA -> kafka(password);
        };
    }

    private ConnectionConfig sql(Secret password) {
        refuse("--url", url, "--bootstrap", bootstrap);
        require("--host", host, "--database", database, "--user", user);
        return new ConnectionConfig(name, type, host, port(type.defaultPort()), database, user, password, null,
                options);
    }

    /** Like a config entry: a URL, or host and port to build one from; database {@code default} if not given. */
    private ConnectionConfig clickhouse(Secret password) {
        refuse("--bootstrap", bootstrap);
        require("--user", user);
        String db = database == null ? "default" : database;
        if (url == null) {
            require("--host (or --url)", host);
            int httpPort = port(type.defaultPort());
            return new ConnectionConfig(name, type, host, httpPort, db, user, password, "http://" + host + ":" + httpPort,
                    options);
        }
        if (host != null || port != 0) {
            throw new FerryException("connection '" + name + "': give either --url or --host and --port, not both");
        }
        URI uri = httpUri(url);
        if (uri.getRawUserInfo() != null) {
            // the URL is stored as it is, unencrypted: credentials belong in --user and the password options
            throw new FerryException("connection '" + name + "': --url must not carry a user or password; give them"
                    + " with --user and --password-env, --password-file or --password-stdin, which are encrypted");
        }
        int uriPort = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new ConnectionConfig(name, type, uri.getHost(), uriPort, db, user, password, base, options);
    }

    /** As in a config file: the bootstrap list is both host and url, port 0, no database. */
    private ConnectionConfig kafka(Secret password) {
        refuse("--host", host, "--port", port == 0 ? null : "set", "--database", database, "--url", url);
        require("--bootstrap", bootstrap);
        return new ConnectionConfig(name, type, bootstrap, 0, "", user == null ? "" : user, password, bootstrap,
                options);
    }

    private int port(int fallback) {
        if (port < 0 || port > 65535) {
            throw new FerryException("connection '" + name + "': --port must be from 1 to 65535, got " + port);
        }
        return port == 0 ? fallback : port;
    }

    /** @param pairs option name, value, option name, value, ... */
    private void require(String... pairs) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null || pairs[i + 1].isBlank()) {
                missing.add(pairs[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException("a " + type.label() + " connection needs " + String.join(", ", missing));
        }
    }

    private void refuse(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                throw new FerryException("a " + type.label() + " connection does not use " + pairs[i]
                        + (type == ConnectionType.KAFKA ? "; give the brokers with --bootstrap host:port[,host:port]"
                                : ""));
            }
        }
    }

    /** The URL is not echoed: like in config files, it may carry credentials. */
    private URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below, like a URL of the wrong kind
        }
        throw new FerryException("connection '" + name + "': --url must be an http:// or https:// URL such as"
                + " http://127.0.0.1:8123");
    }
}
