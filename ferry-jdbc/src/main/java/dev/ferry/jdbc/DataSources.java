package dev.ferry.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.FerryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

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
        // a pooled connection is waited for as long as a new one may take to open, and no less than Hikari allows
        config.setConnectionTimeout(Math.max(250, endpoint.timeouts().connect().toMillis() + 5_000));
        // fail fast on a wrong host or password instead of retrying silently for the timeout
        config.setInitializationFailTimeout(1);
        driverProperties(endpoint).forEach((key, value) -> config.addDataSourceProperty((String) key, value));
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
            Properties props = driverProperties(endpoint);
            props.setProperty("user", endpoint.user());
            props.setProperty("password", endpoint.password());
            return java.sql.DriverManager.getConnection(endpoint.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new FerryException("cannot connect to " + endpoint + ": " + rootMessage(e)
                    + "; check host, port, database, user and password", e);
        }
    }

    /**
     * Driver settings for reading. PostgreSQL: after a statement has run {@code prepareThreshold} times the
     * driver switches to binary results, which are cheaper for the server but render some types Ferry
     * keeps as text differently (timetz shifted to UTC, points and float arrays as (1.0,2.0)); one table
     * must not hold both spellings, so those types (and, as a precaution, the other text-kept temporal and
     * money types) stay in text form. Dates and timestamps stay text too: the driver's binary decoding turns
     * the oldest values PostgreSQL accepts (4714-11-24 BC up to 4713 BC) into {@code -infinity}, and Ferry
     * parses their text anyway. Numbers and other 1-D arrays read the same either way.
     */
    static Properties driverProperties(JdbcEndpoint endpoint) {
        SourceKind kind = endpoint.kind();
        Properties props = driverProperties(kind);
        // a server that accepts the connection but never answers must not hang the login forever; a long
        // statement is not bounded here (a big sorted read is silent for minutes): the servers' own
        // statement_timeout / max_statement_time do that where wanted
        long connectMillis = Math.max(1_000, endpoint.timeouts().connect().toMillis());
        if (kind == SourceKind.POSTGRES) {
            String seconds = Long.toString(Math.max(1, connectMillis / 1_000));
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
        } else {
            props.setProperty("connectTimeout", Long.toString(connectMillis));
        }
        return props;
    }

    static Properties driverProperties(SourceKind kind) {
        Properties props = new Properties();
        props.setProperty("tcpKeepAlive", "true");
        if (kind == SourceKind.POSTGRES) {
            props.setProperty("ApplicationName", "ferry");
            props.setProperty("binaryTransferDisable", "TIMETZ,TIME,INTERVAL,MONEY,POINT,BOX,LSEG,PATH,POLYGON,"
                    + "CIRCLE,LINE,FLOAT4_ARRAY,FLOAT8_ARRAY,DATE,TIMESTAMP,TIMESTAMPTZ,DATE_ARRAY,TIMESTAMP_ARRAY,"
                    + "TIMESTAMPTZ_ARRAY");
        }
        return props;
    }

    /** The first line of the innermost cause's message: what a driver actually complained about. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return dev.ferry.core.net.UrlRedaction.redactAll(message.strip().lines().findFirst().orElse(message));
    }
}
