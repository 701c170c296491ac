package dev.ferry.clickhouse;

import dev.ferry.core.config.Timeouts;
import dev.ferry.core.net.UrlRedaction;
import java.util.Objects;

/**
 * How to reach a ClickHouse server over HTTP. The password is held only in memory and never appears in
 * {@link #toString()}; the url appears only without credentials ({@link #describe()}).
 *
 * @param compressInserts send inserts LZ4-compressed (ClickHouse's native framing, understood by every
 *                        version since 18.x); saves bandwidth at a little CPU
 * @param name            the connection's name in the config, for messages; null when it has none
 * @param timeouts        how long to wait on the server (see {@link Timeouts})
 */
public record ClickHouseEndpoint(String url, String database, String user, String password, boolean compressInserts,
        String name, Timeouts timeouts) {

    public ClickHouseEndpoint(String url, String database, String user, String password) {
        this(url, database, user, password, true);
    }

    public ClickHouseEndpoint(String url, String database, String user, String password, boolean compressInserts) {
        this(url, database, user, password, compressInserts, null, Timeouts.DEFAULTS);
    }

    public ClickHouseEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        database = database == null || database.isBlank() ? "default" : database;
        password = password == null ? "" : password;
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    }

    public ClickHouseEndpoint withDatabase(String other) {
        return new ClickHouseEndpoint(url, other, user, password, compressInserts, name, timeouts);
    }

    public ClickHouseEndpoint withTimeouts(Timeouts other) {
        return new ClickHouseEndpoint(url, database, user, password, compressInserts, name, other);
    }

    /** The server as messages name it: {@code ClickHouse ch (http://host:8123)}, credentials masked. */
    public String describe() {
        String where = UrlRedaction.redact(url);
        return name == null ? "ClickHouse at " + where : "ClickHouse " + name + " (" + where + ")";
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint[name=" + name + ", url=" + UrlRedaction.redact(url) + ", database=" + database
                + ", user=" + user + ", compressInserts=" + compressInserts + ", timeouts=" + timeouts + "]";
    }
}
