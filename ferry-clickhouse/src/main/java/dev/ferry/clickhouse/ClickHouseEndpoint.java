package dev.ferry.clickhouse;

import java.util.Objects;

/**
 * How to reach a ClickHouse server over HTTP. The password is held only in memory and never appears in
 * {@link #toString()}.
 */
public record ClickHouseEndpoint(String url, String database, String user, String password) {

    public ClickHouseEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        database = database == null || database.isBlank() ? "default" : database;
        password = password == null ? "" : password;
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public ClickHouseEndpoint withDatabase(String other) {
        return new ClickHouseEndpoint(url, other, user, password);
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}
