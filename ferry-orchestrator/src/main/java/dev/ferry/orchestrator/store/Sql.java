package dev.ferry.orchestrator.store;

import dev.ferry.core.FerryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The few JDBC idioms the stores need: a statement with parameters, a query mapped row by row, and work in
 * one transaction. Kept to plain JDBC on purpose: some fifty short statements do not justify a mapping
 * library, and plain SQL shows exactly which row-level compare-and-set keeps two schedulers apart.
 */
final class Sql {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return rows changed */
    int update(String sql, Object... args) {
        return inConnection(connection -> update(connection, sql, args));
    }

    static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return inConnection(connection -> query(connection, sql, mapper, args));
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... args) {
        return query(sql, mapper, args).stream().findFirst();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T inConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** SQLSTATE 23505, the same in H2 and PostgreSQL. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    private static FerryException failure(SQLException e) {
        return new StoreException("orchestrator store: " + dev.ferry.jdbc.DataSources.rootMessage(e), e);
    }

    /** Keeps the SQL cause reachable, so callers can tell a duplicate key from other failures. */
    static final class StoreException extends FerryException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
