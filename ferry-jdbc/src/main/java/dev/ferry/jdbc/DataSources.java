package dev.ferry.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.FerryException;
import java.sql.Connection;
import java.sql.SQLException;

/** Connection pools for source databases, with driver settings chosen for bulk, streaming reads. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource pool(JdbcEndpoint endpoint, int maxConnections, String purpose) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setPoolName("ferry-" + purpose);
        config.setConnectionTimeout(15_000);
        // fail fast on a wrong host or password instead of retrying silently for the timeout
        config.setInitializationFailTimeout(1);
        switch (endpoint.kind()) {
            case POSTGRES -> {
                // the server sends rows in fetch-size batches only inside a transaction; see SourceReader
                config.addDataSourceProperty("ApplicationName", "ferry");
                config.addDataSourceProperty("tcpKeepAlive", "true");
            }
            case MYSQL -> {
                // stream result sets with a server-side cursor-less fetch instead of loading whole tables
                config.addDataSourceProperty("useCursorFetch", "false");
                config.addDataSourceProperty("tcpKeepAlive", "true");
                config.addDataSourceProperty("permitMysqlScheme", "true");
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FerryException("cannot connect to " + endpoint + ": " + rootMessage(e)
                    + "; check host, port, database, user and password", e);
        }
    }

    /** Opens a single connection, with the same clear error as {@link #pool}. */
    public static Connection connect(JdbcEndpoint endpoint) {
        try {
            return java.sql.DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
        } catch (SQLException e) {
            throw new FerryException("cannot connect to " + endpoint + ": " + rootMessage(e)
                    + "; check host, port, database, user and password", e);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
