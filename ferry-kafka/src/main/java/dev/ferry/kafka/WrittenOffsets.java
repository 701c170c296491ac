package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which messages at or after a partition's committed offset are already in a table: written by a batch
 * whose offsets were not committed before a crash or a rebalance. Read from ClickHouse when Ferry takes
 * over a partition; a redelivered message is then skipped for each table that has it, so every table ends
 * with each message exactly once. Asking for the offsets themselves, not a maximum, keeps this right even
 * when an insert split across ClickHouse partitions was written only in part.
 */
final class WrittenOffsets {

    private final Map<TopicPartition, Set<Long>> written = new HashMap<>();

    /**
     * @param table        qualified table name
     * @param extraFilter  a condition that narrows a shared table to this pipeline, or null
     */
    static WrittenOffsets read(ClickHouseGateway clickhouse, String table, String extraFilter,
            Map<TopicPartition, Long> committed) {
        WrittenOffsets offsets = new WrittenOffsets();
        for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
            TopicPartition tp = entry.getKey();
            List<List<String>> rows = clickhouse.queryAll("SELECT _offset FROM " + table + " WHERE _topic = "
                    + ClickHouseGateway.quoteString(tp.topic()) + " AND _partition = " + tp.partition()
                    + " AND _offset >= " + entry.getValue() + (extraFilter == null ? "" : " AND " + extraFilter));
            Set<Long> set = new HashSet<>();
            rows.forEach(row -> set.add(Long.parseLong(row.get(0))));
            if (!set.isEmpty()) {
                offsets.written.put(tp, set);
            }
        }
        return offsets;
    }

    boolean contains(TopicPartition tp, long offset) {
        Set<Long> set = written.get(tp);
        return set != null && set.contains(offset);
    }

    void forget(TopicPartition tp) {
        written.remove(tp);
    }

    void addAll(WrittenOffsets other) {
        written.putAll(other.written);
    }
}
