package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.TombstoneRow;
import dev.ferry.core.schema.ColumnSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Puts each consumed message into the batch: as a parsed row or a dead letter, plus a raw row when the
 * pipeline keeps raw messages, and as nothing for a table that already has it (written by a batch whose
 * offsets were not committed). Used by the consumer's thread only.
 */
final class MessageRouter {

    private final String pipeline;
    private final MessageParser parser;
    private final List<ColumnSpec> columns;
    private final List<Enricher> enrichers;
    private final boolean keepsRaw;
    /** Servers without DateTime64 keep Kafka timestamps to the second. */
    private final boolean millisecondTimestamps;
    private final WrittenOffsets parsedWritten = new WrittenOffsets();
    private final WrittenOffsets rawWritten = new WrittenOffsets();
    private final WrittenOffsets deadWritten = new WrittenOffsets();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    MessageRouter(String pipeline, MessageParser parser, List<ColumnSpec> columns, List<Enricher> enrichers,
            boolean keepsRaw, boolean millisecondTimestamps) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.columns = List.copyOf(columns);
        this.enrichers = List.copyOf(enrichers);
        this.keepsRaw = keepsRaw;
        this.millisecondTimestamps = millisecondTimestamps;
    }

    /** Adds one message of partition {@code tp}; the caller records the partition's next offset. */
    void add(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, StreamBatch batch) {
        consumed.incrementAndGet();
        batch.messages++;
        batch.bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        Object[] coordinates = {record.topic(), (long) record.partition(), record.offset(),
                millisecondTimestamps ? timestamp : timestamp.truncatedTo(ChronoUnit.SECONDS)};
        if (keepsRaw && !rawWritten.contains(tp, record.offset())) {
            batch.addRaw(tp, concat(coordinates, record.key(), payload(record)));
        }
        if (parsedWritten.contains(tp, record.offset()) || deadWritten.contains(tp, record.offset())) {
            // written before, as a row or a dead letter (also one ClickHouse refused after parsing)
            skipped.incrementAndGet();
            return;
        }
        try {
            Object[] row = parser.parse(record.value());
            boolean delete = parser.lastWasDelete();
            Object[] values;
            if (delete) {
                // a delete's image may carry only the key: the other columns get placeholders of their type
                values = TombstoneRow.fill(Arrays.copyOf(row, columns.size()), columns);
            } else {
                values = row;
                for (Enricher enricher : enrichers) {
                    values = enricher.apply(values);
                }
            }
            batch.addParsed(tp, concat(values, coordinates), delete, record.key(), payload(record));
        } catch (BadMessageException e) {
            batch.addDead(tp, StreamSink.deadRow(pipeline, coordinates[0], coordinates[1], coordinates[2],
                    coordinates[3], record.key(), payload(record), e.getMessage()));
        }
    }

    /**
     * Learns which messages of newly assigned partitions the tables already hold, from each partition's
     * committed offset on.
     */
    void learnWritten(ClickHouseGateway clickhouse, StreamTables.Table parsed, StreamTables.Table raw,
            StreamTables.Table dead, Map<TopicPartition, Long> from) {
        parsedWritten.addAll(WrittenOffsets.read(clickhouse, parsed.target().qualifiedName(), null, from));
        if (raw != null) {
            rawWritten.addAll(WrittenOffsets.read(clickhouse, raw.target().qualifiedName(), null, from));
        }
        deadWritten.addAll(WrittenOffsets.read(clickhouse, dead.target().qualifiedName(),
                "pipeline = " + ClickHouseGateway.quoteString(pipeline), from));
    }

    /** Forgets partitions this worker no longer owns. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            parsedWritten.forget(tp);
            rawWritten.forget(tp);
            deadWritten.forget(tp);
        });
    }

    long consumed() {
        return consumed.get();
    }

    long skipped() {
        return skipped.get();
    }

    /**
     * The message's value exactly as received: the raw table and dead letters keep bytes, never text decoded
     * from them (a ClickHouse String holds any bytes; decoding would turn invalid UTF-8 into U+FFFD). A message
     * without a value (a Kafka tombstone) is kept as an empty payload.
     */
    private static byte[] payload(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? EMPTY : record.value();
    }

    private static final byte[] EMPTY = new byte[0];

    private static Object[] concat(Object[] first, Object... more) {
        Object[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
