package dev.ferry.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

/**
 * Inserts rows with multi-row {@code INSERT … VALUES (…), (…)} prepared statements: one round trip per
 * batch of rows instead of one per row, without depending on driver URL options that rewrite batches.
 * Commits every {@code rowsPerCommit} rows, so the caller must have turned auto-commit off.
 */
final class MultiRowInserter implements AutoCloseable {

    private final Connection connection;
    private final String table;
    private final List<String> columns;
    private final int rowsPerStatement;
    private final int rowsPerCommit;
    private final Object[] pending;
    private PreparedStatement fullStatement;
    private int pendingRows;
    private long rows;
    private long uncommitted;

    MultiRowInserter(Connection connection, String table, List<String> columns, int rowsPerStatement,
            int rowsPerCommit) {
        this.connection = connection;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.rowsPerStatement = rowsPerStatement;
        this.rowsPerCommit = rowsPerCommit;
        this.pending = new Object[rowsPerStatement * columns.size()];
    }

    void row(Object... values) throws SQLException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + " has " + columns.size() + " columns, got " + values.length);
        }
        System.arraycopy(values, 0, pending, pendingRows * values.length, values.length);
        if (++pendingRows == rowsPerStatement) {
            if (fullStatement == null) {
                fullStatement = connection.prepareStatement(sql(rowsPerStatement));
            }
            send(fullStatement);
        }
    }

    /** Sends the last, shorter statement and commits; returns the rows inserted. */
    long finish() throws SQLException {
        if (pendingRows > 0) {
            try (PreparedStatement last = connection.prepareStatement(sql(pendingRows))) {
                send(last);
            }
        }
        connection.commit();
        uncommitted = 0;
        return rows;
    }

    private void send(PreparedStatement statement) throws SQLException {
        int parameters = pendingRows * columns.size();
        for (int i = 0; i < parameters; i++) {
            if (pending[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, pending[i]);
            }
        }
        int inserted = statement.executeUpdate();
        if (inserted != pendingRows) {
            throw new SQLException("insert into " + table + " wrote " + inserted + " rows, expected " + pendingRows);
        }
        rows += pendingRows;
        uncommitted += pendingRows;
        pendingRows = 0;
        if (uncommitted >= rowsPerCommit) {
            connection.commit();
            uncommitted = 0;
        }
    }

    private String sql(int rowCount) {
        String placeholders = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rowCount, placeholders));
    }

    @Override
    public void close() throws SQLException {
        if (fullStatement != null) {
            fullStatement.close();
        }
    }
}
