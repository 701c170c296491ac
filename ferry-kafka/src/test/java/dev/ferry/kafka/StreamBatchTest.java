package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StreamBatchTest {

    private static final TopicPartition KEPT = new TopicPartition("t", 0);
    private static final TopicPartition REVOKED = new TopicPartition("t", 1);

    private static Object[] parsed(TopicPartition tp, long offset) {
        return new Object[] {"value", tp.topic(), (long) tp.partition(), offset, Instant.EPOCH};
    }

    private static Object[] deadLetter(TopicPartition tp, long offset) {
        return StreamSink.deadRow("p", tp.topic(), (long) tp.partition(), offset, Instant.EPOCH, null, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "bad");
    }

    /** The new owner of a revoked partition reads its messages again, refused ones included. */
    @Test
    void droppingAPartitionDropsAllItsRowsAndItsOffset() {
        StreamBatch batch = new StreamBatch();
        batch.addParsed(KEPT, parsed(KEPT, 1), false, null, new byte[0]);
        batch.addParsed(REVOKED, parsed(REVOKED, 1), true, null, new byte[0]);
        batch.addRaw(REVOKED, parsed(REVOKED, 1));
        batch.addDead(REVOKED, deadLetter(REVOKED, 2));
        batch.addDead(KEPT, deadLetter(KEPT, 2));
        batch.refused.add(deadLetter(REVOKED, 1));
        batch.refused.add(deadLetter(KEPT, 1));
        batch.next.put(KEPT, 3L);
        batch.next.put(REVOKED, 3L);

        batch.dropPartitions(Set.of(REVOKED));

        assertThat(batch.parsed).containsExactly(parsed(KEPT, 1));
        assertThat(batch.deletes).containsExactly(false);
        assertThat(batch.raw).isEmpty();
        assertThat(batch.dead).singleElement().satisfies(row -> assertThat(row[2]).isEqualTo(0L));
        assertThat(batch.refused).singleElement().satisfies(row -> assertThat(row[2]).isEqualTo(0L));
        assertThat(batch.nextOffsets()).containsOnlyKeys(KEPT);

        batch.dropPartitions(Set.of(KEPT));
        assertThat(batch.isEmpty()).isTrue();
    }
}
