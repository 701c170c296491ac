package dev.ferry.cdc;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a CDC pipeline's change events to Kafka, one topic per table ({@code <prefix><schema>.<table>}),
 * as Debezium's JSON without schemas, keyed by the row's key so that every change of a row lands in one
 * partition, in order. Offsets are stored only after Kafka acknowledged the batch: a crash re-publishes the
 * changes since (at least once), which a {@code format: debezium} stream pipeline absorbs because a row's
 * newest change still comes last.
 */
final class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaChangePublisher.class);

    private final CdcSource source;
    private final String topicPrefix;
    private final KafkaProducer<byte[], byte[]> producer;
    private final BatchCommitter committer;
    private final JsonConverter keys = converter(true);
    private final JsonConverter values = converter(false);
    private final AtomicLong published = new AtomicLong();

    KafkaChangePublisher(CdcSource source, String topicPrefix, KafkaProducer<byte[], byte[]> producer) {
        this.source = source;
        this.topicPrefix = topicPrefix;
        this.producer = producer;
        this.committer = new BatchCommitter(source);
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        // replace.null.with.default=false: by default Kafka Connect writes a NULL as the column's DEFAULT
        converter.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC",
                "replace.null.with.default", "false"), isKey);
        return converter;
    }

    long published() {
        return published.get();
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> batchCommitter) throws InterruptedException {
        List<Future<?>> sends = new java.util.ArrayList<>();
        for (RecordChangeEvent<SourceRecord> event : events) {
            SourceRecord record = event.record();
            String op = ChangeEvents.operation(record);
            if (op == null || !ChangeEvents.APPLIED_OPERATIONS.contains(op)) {
                continue; // heartbeats, transaction markers
            }
            Struct value = (Struct) record.value();
            if ("t".equals(op)) {
                // published like Debezium does (op "t", no row image); consumers that cannot apply it say so
                LOG.warn("source table {} was truncated; the TRUNCATE event is published to Kafka, where a "
                        + "format: debezium stream pipeline dead-letters it: resync that pipeline's table",
                        source.table(value.getStruct("source")));
            }
            String topic = topicPrefix + source.table(value.getStruct("source"));
            byte[] key = keys.fromConnectData(topic, record.keySchema(), record.key());
            byte[] payload = values.fromConnectData(topic, record.valueSchema(), record.value());
            sends.add(producer.send(new ProducerRecord<>(topic, key, payload)));
        }
        for (Future<?> send : sends) {
            try {
                send.get(); // an unacknowledged change must not have its offset stored
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Kafka did not take a change event: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        published.addAndGet(sends.size());
        committer.commit(events, batchCommitter);
    }
}
