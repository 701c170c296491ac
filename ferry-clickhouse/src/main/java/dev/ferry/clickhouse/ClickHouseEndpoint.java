package dev.ferry.clickhouse;

import java.util.Objects;

/**
 * How to reach a ClickHouse server over HTTP. The password is held only in memory and never appears in
 * {@link #toString()}.
 *
 * @param compressInserts send inserts LZ4-compressed (ClickHouse's native framing, understood by every
 *                        version since 18.x); saves bandwidth at a little CPU
 */
public record ClickHouseEndpoint(String url, String database, String user, String password, boolean compressInserts) {

    public ClickHouseEndpoint(String url, String database, String user, String password) {
        this(url, database, user, password, true);
    }

    public ClickHouseEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        database = database == null || database.isBlank() ? "default" : database;
        password = password == null ? "" : password;
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public ClickHouseEndpoint withDatabase(String other) {
        return new ClickHouseEndpoint(url, other, user, password, compressInserts);
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint[url=" + url + ", database=" + database + ", user=" + user + ", compressInserts="
                + compressInserts + "]";
    }
}
