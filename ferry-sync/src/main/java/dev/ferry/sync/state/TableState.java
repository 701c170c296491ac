package dev.ferry.sync.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Durable progress of one table.
 *
 * @param phase        {@code snapshot} while a snapshot is under way (resumable), {@code swap} once its staging
 *                     table is complete and replaces the target (a resumed run finishes the swap), {@code done}
 *                     after it
 * @param version      {@code _version} of the rows of the snapshot under way (kept so a resume writes the same)
 * @param staging      ClickHouse table the snapshot loads into before it replaces the target
 * @param chunks       planned chunks as [low, high] key bounds (inclusive); empty = one chunk of the whole table
 * @param doneChunks   indexes of chunks already committed to the staging table
 * @param resumed      the snapshot was interrupted at least once (so the staging table may hold duplicates)
 * @param cursorValue  incremental high-water mark: the greatest cursor value loaded, as text; null if none
 * @param nullCursorRows rows whose cursor was NULL at the last run (incremental runs cannot read them), so a
 *                     growing count can be reported; null if not counted yet
 * @param stagedRows   rows the done chunks wrote to the staging table, which a plain MergeTree staging table must
 *                     hold exactly before it may replace the target; null if not counted (older state files)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableState(String phase, long version, String staging, List<long[]> chunks, Set<Integer> doneChunks,
        boolean resumed, String cursorValue, Long nullCursorRows, Long stagedRows) {

    public static final String SNAPSHOT = "snapshot";
    public static final String SWAP = "swap";
    public static final String DONE = "done";

    public TableState {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        doneChunks = doneChunks == null ? Set.of() : Set.copyOf(new TreeSet<>(doneChunks));
    }

    public TableState(String phase, long version, String staging, List<long[]> chunks, Set<Integer> doneChunks,
            boolean resumed, String cursorValue, Long nullCursorRows) {
        this(phase, version, staging, chunks, doneChunks, resumed, cursorValue, nullCursorRows, null);
    }

    public TableState(String phase, long version, String staging, List<long[]> chunks, Set<Integer> doneChunks,
            boolean resumed, String cursorValue) {
        this(phase, version, staging, chunks, doneChunks, resumed, cursorValue, null, null);
    }

    /** A snapshot is loading or swapping: the next run resumes it rather than reading incrementally. */
    public boolean snapshotInProgress() {
        return SNAPSHOT.equals(phase) || swapping();
    }

    /** The staging table is complete and replaces the target; nothing is left to load. */
    public boolean swapping() {
        return SWAP.equals(phase);
    }

    /** Chunk {@code index} is in the staging table, with {@code rows} rows. */
    public TableState withChunkDone(int index, long rows) {
        Set<Integer> done = new TreeSet<>(doneChunks);
        done.add(index);
        long staged = (stagedRows == null ? 0 : stagedRows) + rows;
        return new TableState(phase, version, staging, chunks, done, resumed, cursorValue, nullCursorRows, staged);
    }

    public TableState asResumed() {
        return new TableState(phase, version, staging, chunks, doneChunks, true, cursorValue, nullCursorRows,
                stagedRows);
    }

    /** Recorded before the swap starts, so a run killed during the swap completes it instead of loading again. */
    public TableState asSwapping() {
        return new TableState(SWAP, version, staging, chunks, doneChunks, resumed, cursorValue, nullCursorRows,
                stagedRows);
    }

    public TableState done(String cursor) {
        return new TableState(DONE, version, null, List.of(), Set.of(), false, cursor, nullCursorRows, null);
    }

    public TableState withCursor(String cursor) {
        return new TableState(phase, version, staging, chunks, doneChunks, resumed, cursor, nullCursorRows,
                stagedRows);
    }

    public TableState withNullCursorRows(Long count) {
        return new TableState(phase, version, staging, chunks, doneChunks, resumed, cursorValue, count, stagedRows);
    }
}
