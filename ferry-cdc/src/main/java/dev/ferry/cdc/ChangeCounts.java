package dev.ferry.cdc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a CDC pipeline did per source table: changes applied, rows its snapshots loaded, changes and snapshot rows
 * that became dead letters, truncates, and changes of tables the pipeline does not select. Read by the status
 * line while the applier and the snapshot write.
 */
public final class ChangeCounts {

    /** Counts of one source table. */
    public record TableCounts(long applied, long deadLetters, long truncates, long ignored, long snapshotRows) {

        /** Rows read from the source for this table: changes and snapshot rows, written or dead-lettered. */
        public long rowsRead() {
            return applied + snapshotRows + deadLetters;
        }
    }

    private static final int APPLIED = 0;
    private static final int DEAD_LETTERS = 1;
    private static final int TRUNCATES = 2;
    private static final int SNAPSHOT_ROWS = 3;

    private final AtomicLong applied = new AtomicLong();
    private final Map<String, long[]> perTable = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> ignored = new ConcurrentHashMap<>();

    public void applied(String table, long rows, long deadLetters) {
        applied.addAndGet(rows);
        update(table, APPLIED, rows);
        update(table, DEAD_LETTERS, deadLetters);
    }

    /** A snapshot (the initial one, or a table read again) loaded {@code rows} and dead-lettered the others. */
    public void loaded(String table, long rows, long deadLetters) {
        update(table, SNAPSHOT_ROWS, rows);
        update(table, DEAD_LETTERS, deadLetters);
    }

    public void truncated(String table) {
        update(table, TRUNCATES, 1);
    }

    public void ignored(String table) {
        ignored.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
    }

    private void update(String table, int index, long delta) {
        if (delta != 0) {
            long[] counts = perTable.computeIfAbsent(table, t -> new long[4]);
            synchronized (counts) {
                counts[index] += delta;
            }
        }
    }

    /** Changes written to ClickHouse (dead letters not included). */
    public long applied() {
        return applied.get();
    }

    /** Changes that became dead letters, over all tables. */
    public long deadLetters() {
        return table().values().stream().mapToLong(TableCounts::deadLetters).sum();
    }

    /** Changes of tables the pipeline does not follow, over all tables. */
    public long ignored() {
        return ignored.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Per source table, sorted by name. */
    public Map<String, TableCounts> table() {
        Map<String, TableCounts> result = new java.util.TreeMap<>();
        perTable.forEach((table, counts) -> {
            synchronized (counts) {
                result.put(table, new TableCounts(counts[APPLIED], counts[DEAD_LETTERS], counts[TRUNCATES], 0,
                        counts[SNAPSHOT_ROWS]));
            }
        });
        ignored.forEach((table, count) -> result.merge(table, new TableCounts(0, 0, 0, count.get(), 0),
                (a, b) -> new TableCounts(a.applied(), a.deadLetters(), a.truncates(), b.ignored(), a.snapshotRows())));
        return result;
    }
}
