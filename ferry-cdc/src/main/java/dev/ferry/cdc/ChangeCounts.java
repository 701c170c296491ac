package dev.ferry.cdc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a CDC pipeline did per source table: changes applied, changes that became dead letters, truncates, and
 * changes of tables the pipeline does not select. Read by the status line while the applier writes.
 */
public final class ChangeCounts {

    /** Counts of one source table. */
    public record TableCounts(long applied, long deadLetters, long truncates, long ignored) {
    }

    private final AtomicLong applied = new AtomicLong();
    private final Map<String, long[]> perTable = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> ignored = new ConcurrentHashMap<>();

    public void applied(String table, long rows, long deadLetters) {
        applied.addAndGet(rows);
        update(table, 0, rows);
        update(table, 1, deadLetters);
    }

    public void truncated(String table) {
        update(table, 2, 1);
    }

    public void ignored(String table) {
        ignored.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
    }

    private void update(String table, int index, long delta) {
        if (delta != 0) {
            long[] counts = perTable.computeIfAbsent(table, t -> new long[3]);
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
                result.put(table, new TableCounts(counts[0], counts[1], counts[2], 0));
            }
        });
        ignored.forEach((table, count) -> result.merge(table, new TableCounts(0, 0, 0, count.get()),
                (a, b) -> new TableCounts(a.applied(), a.deadLetters(), a.truncates(), b.ignored())));
        return result;
    }
}
