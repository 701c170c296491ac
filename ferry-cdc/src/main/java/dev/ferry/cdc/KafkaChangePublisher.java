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

/**
 * Publishes a CDC pipeline's change events to Kafka, one topic per table ({@code <prefix><schema>.<table>}),
 * as Debezium's JSON without schemas, keyed by the row's key so that every change of a row lands in one
 * partition, in order. Offsets are stored only after Kafka acknowledged the batch: a crash re-publishes the
 * changes since (at least once), which a {@code format: debezium} stream pipeline absorbs because a row's
 * newest change still comes last.
 */
final class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

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
        converter.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"), isKey);
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
            Struct value = ChangeEvents.rowChange(record);
            if (value == null) {
                continue; // heartbeats, transaction markers, truncates
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
