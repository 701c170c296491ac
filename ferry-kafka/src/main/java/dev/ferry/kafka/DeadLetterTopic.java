package dev.ferry.kafka;

import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The optional dead-letter topic: every dead letter is also published there, as the original key and
 * payload with the reason and the origin in headers ({@code ferry.error}, {@code ferry.topic},
 * {@code ferry.partition}, {@code ferry.offset}, {@code ferry.pipeline}), for tools that replay or alert
 * from Kafka. Published before the batch's offsets are committed: at least once.
 */
final class DeadLetterTopic implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetterTopic(String topic, ConnectionConfig kafka) {
        this.topic = topic;
        if (topic == null) {
            this.producer = null;
            return;
        }
        Properties p = new Properties();
        p.putAll(KafkaClientSettings.reliableProducer(kafka));
        this.producer = new KafkaProducer<>(p);
    }

    void publish(StreamBatch batch) {
        if (producer == null || batch.written.contains("dead-letter-topic")) {
            return;
        }
        List<Object[]> letters = new ArrayList<>(batch.dead);
        letters.addAll(batch.refused);
        List<Future<?>> sends = new ArrayList<>();
        for (Object[] letter : letters) {
            // pipeline, _topic, _partition, _offset, _timestamp, _key, payload, error, received_at
            RecordHeaders headers = new RecordHeaders();
            headers.add("ferry.error", bytes(letter[7]));
            headers.add("ferry.topic", bytes(letter[1]));
            headers.add("ferry.partition", bytes(letter[2]));
            headers.add("ferry.offset", bytes(letter[3]));
            headers.add("ferry.pipeline", bytes(letter[0]));
            // key and payload are the message's bytes as received
            sends.add(producer.send(new ProducerRecord<>(topic, null, (byte[]) letter[5], (byte[]) letter[6],
                    headers)));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing dead letters to " + topic, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot publish dead letters to " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        batch.written.add("dead-letter-topic");
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
