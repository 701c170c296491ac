package dev.ferry.sync;

import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.jdbc.read.SourceRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the rows of one result set into a {@link TableWriter}, diverting rows that cannot be written to
 * the dead-letter table (with the reason) instead of failing or dropping them.
 */
public final class RowLoader {

    /** Dead letters are stored at least this often, so a table of bad rows cannot exhaust memory. */
    private static final int MAX_PENDING_LETTERS = 1000;

    private final String pipeline;
    private final TableMapping table;
    private final RowReader reader;
    private final DeadLetterTable deadLetters;
    private final SyncListener listener;
    private final int cursorIndex;
    /** The {@code load_id} of the dead letters: the snapshot chunk read, empty for an incremental run. */
    private final String load;
    private long rows;
    private long rejected;
    private Object lastCursor;

    public RowLoader(String pipeline, TableMapping table, RowReader reader, DeadLetterTable deadLetters,
            SyncListener listener) {
        this(pipeline, table, reader, deadLetters, listener, "");
    }

    public RowLoader(String pipeline, TableMapping table, RowReader reader, DeadLetterTable deadLetters,
            SyncListener listener, String load) {
        this.load = load;
        this.pipeline = pipeline;
        this.table = table;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.cursorIndex = table.cursorColumn() == null ? -1 : table.source().indexOf(table.cursorColumn());
    }

    /**
     * Streams the result set into {@code writer} and flushes it, so that when this returns every row is in
     * ClickHouse or in the dead-letter table.
     *
     * @param onFlush called after each accepted batch with the last cursor value written so far that can be a
     *                high-water mark (incremental state)
     */
    public void load(ResultSet rs, TableWriter writer, long version, java.util.function.Consumer<Object> onFlush)
            throws SQLException {
        List<DeadLetterTable.Letter> letters = new ArrayList<>();
        long committed = writer.writtenRows();
        while (rs.next()) {
            SourceRow row = reader.read(rs);
            if (row.isBad()) {
                letters.add(letter(row.values(), row.error()));
            } else {
                try {
                    writer.append(row.values(), version);
                    // the mark moves over written values that can be one: infinity, last in the cursor's order,
                    // must not hide the finite values of its batch (the mark stayed where the run started)
                    if (cursorIndex >= 0 && CursorText.markable(row.values()[cursorIndex])) {
                        lastCursor = row.values()[cursorIndex];
                    }
                } catch (BadValueException e) {
                    letters.add(letter(row.values(), e.getMessage()));
                }
            }
            if (writer.bufferedRows() == 0 && writer.writtenRows() > committed) {
                committed = commit(writer, committed, letters, onFlush);
            } else if (letters.size() >= MAX_PENDING_LETTERS) {
                writeLetters(letters);
            }
        }
        writer.flush();
        commit(writer, committed, letters, onFlush);
    }

    /** After ClickHouse accepted a batch: store its dead letters, count it, and let the caller record progress. */
    private long commit(TableWriter writer, long committed, List<DeadLetterTable.Letter> letters,
            java.util.function.Consumer<Object> onFlush) {
        writeLetters(letters);
        long delta = writer.writtenRows() - committed;
        if (delta > 0) {
            rows += delta;
            listener.rowsWritten(table.name(), delta);
        }
        onFlush.accept(lastCursor);
        return writer.writtenRows();
    }

    private void writeLetters(List<DeadLetterTable.Letter> letters) {
        deadLetters.write(letters);
        rejected += letters.size();
        letters.clear();
    }

    public long rows() {
        return rows;
    }

    public long rejected() {
        return rejected;
    }

    private DeadLetterTable.Letter letter(Object[] values, String error) {
        return new DeadLetterTable.Letter(pipeline, table.name(), DeadLetterRows.key(table, values),
                DeadLetterRows.payload(table, values), error, load);
    }
}
