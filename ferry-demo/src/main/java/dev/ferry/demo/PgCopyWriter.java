package dev.ferry.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with {@code COPY … FROM STDIN}. Rows are built column by column in a
 * small buffer that is sent whenever it fills, so a table of any size never sits in memory.
 */
final class PgCopyWriter implements AutoCloseable {

    private static final int FLUSH_CHARS = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
    private boolean rowStarted;
    private long rows;
    private boolean finished;

    PgCopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    }

    PgCopyWriter text(String value) {
        CopyText.appendEscaped(separator(), value);
        return this;
    }

    /** A value known to need no escaping (numbers, dates, literals built here). */
    PgCopyWriter plain(String value) {
        separator().append(value == null ? CopyText.NULL : value);
        return this;
    }

    PgCopyWriter number(long value) {
        separator().append(value);
        return this;
    }

    PgCopyWriter cents(long cents) {
        TextValues.appendCents(separator(), cents);
        return this;
    }

    PgCopyWriter timestamp(long epochSecond) {
        TextValues.appendTimestamp(separator(), epochSecond);
        return this;
    }

    PgCopyWriter date(long epochSecond) {
        TextValues.appendDate(separator(), epochSecond);
        return this;
    }

    PgCopyWriter bool(boolean value) {
        separator().append(value ? 't' : 'f');
        return this;
    }

    /** Ends the row; sends the buffer once it is large enough. */
    void endRow() throws SQLException {
        buffer.append('\n');
        rowStarted = false;
        rows++;
        if (buffer.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** Sends what is left and completes the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        flush();
        finished = true;
        long written = copy.endCopy();
        if (written != rows) {
            throw new SQLException("COPY wrote " + written + " rows, expected " + rows);
        }
        return written;
    }

    private StringBuilder separator() {
        if (rowStarted) {
            buffer.append('\t');
        }
        rowStarted = true;
        return buffer;
    }

    private void flush() throws SQLException {
        if (!buffer.isEmpty()) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    /** A COPY that was not finished is cancelled, so the connection is usable again (e.g. for rollback). */
    @Override
    public void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
