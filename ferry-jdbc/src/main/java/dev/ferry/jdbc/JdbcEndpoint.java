package dev.ferry.jdbc;

import dev.ferry.core.config.Timeouts;
import java.util.Objects;

/**
 * Where a source database is and who logs in; the password never appears in {@link #toString()}.
 *
 * @param timeouts {@code connect} bounds opening a connection and the login (see {@link Timeouts})
 */
public record JdbcEndpoint(SourceKind kind, String host, int port, String database, String user, String password,
        Timeouts timeouts) {

    public JdbcEndpoint(SourceKind kind, String host, int port, String database, String user, String password) {
        this(kind, host, port, database, user, password, Timeouts.DEFAULTS);
    }

    public JdbcEndpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        port = port > 0 ? port : kind.defaultPort();
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    }

    public String jdbcUrl() {
        return kind.jdbcUrl(host, port, database);
    }

    @Override
    public String toString() {
        return kind + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
