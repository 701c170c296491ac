package dev.ferry.jdbc;

import java.util.Objects;

/** Where a source database is and who logs in; the password never appears in {@link #toString()}. */
public record JdbcEndpoint(SourceKind kind, String host, int port, String database, String user, String password) {

    public JdbcEndpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        port = port > 0 ? port : kind.defaultPort();
    }

    public String jdbcUrl() {
        return kind.jdbcUrl(host, port, database);
    }

    @Override
    public String toString() {
        return kind + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
