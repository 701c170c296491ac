package dev.ferry.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows one batch adds to each table, and the offsets to commit once all are written. Kept as values
 * so that a failed write can be retried with exactly the same rows.
 */
final class StreamBatch {

    final List<Object[]> parsed = new ArrayList<>();
    final List<Object[]> raw = new ArrayList<>();
    final List<Object[]> dead = new ArrayList<>();
    /** Parsed rows ClickHouse refused, as dead letters; known once the parsed rows were written. */
    final List<Object[]> refused = new ArrayList<>();
    /** Next offset to consume per partition. */
    final Map<TopicPartition, Long> next = new HashMap<>();
    /** Where each row came from, to drop the rows of a partition taken away in a rebalance. */
    private final List<TopicPartition> parsedFrom = new ArrayList<>();
    private final List<TopicPartition> rawFrom = new ArrayList<>();
    private final List<TopicPartition> deadFrom = new ArrayList<>();
    long bytes;
    long messages;
    final long startedNanos = System.nanoTime();
    /** Tables this batch was already written to, when an earlier attempt failed part way. */
    final java.util.Set<String> written = new java.util.HashSet<>();

    /** Per parsed row: whether it is a delete's tombstone. */
    final List<Boolean> deletes = new ArrayList<>();
    /**
     * Per parsed row: the message's key and value as received, for the dead letter if ClickHouse refuses
     * the row (references to the consumer's arrays, no copies).
     */
    final List<byte[][]> parsedMessages = new ArrayList<>();

    void addParsed(TopicPartition tp, Object[] row, boolean delete, byte[] key, byte[] payload) {
        parsed.add(row);
        parsedFrom.add(tp);
        deletes.add(delete);
        parsedMessages.add(new byte[][] {key, payload});
    }

    void addRaw(TopicPartition tp, Object[] row) {
        raw.add(row);
        rawFrom.add(tp);
    }

    void addDead(TopicPartition tp, Object[] row) {
        dead.add(row);
        deadFrom.add(tp);
    }

    boolean isEmpty() {
        return next.isEmpty();
    }

    /** Drops everything from partitions this worker no longer owns; their new owner reads them again. */
    void dropPartitions(Set<TopicPartition> revoked) {
        for (int i = parsed.size() - 1; i >= 0; i--) {
            if (revoked.contains(parsedFrom.get(i))) {
                deletes.remove(i);
                parsedMessages.remove(i);
            }
        }
        retain(parsed, parsedFrom, revoked);
        retain(raw, rawFrom, revoked);
        retain(dead, deadFrom, revoked);
        // refused rows are dead letters (pipeline, _topic, _partition, ...): the new owner refuses them anew
        refused.removeIf(row -> revoked.contains(new TopicPartition((String) row[1], ((Long) row[2]).intValue())));
        revoked.forEach(next::remove);
    }

    private static void retain(List<Object[]> rows, List<TopicPartition> from, Set<TopicPartition> revoked) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (revoked.contains(from.get(i))) {
                rows.remove(i);
                from.remove(i);
            }
        }
    }

    Map<TopicPartition, Long> nextOffsets() {
        return new HashMap<>(next);
    }
}
