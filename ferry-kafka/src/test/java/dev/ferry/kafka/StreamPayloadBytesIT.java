package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw table, the dead letters and the dead-letter topic keep each message's key and value byte for byte:
 * invalid UTF-8, NUL bytes, binary data, a 1 MB message, and a row ClickHouse refuses after parsing. Read back
 * with {@code hex()}, which shows bytes, not text.
 */
@FerryIntegrationTest
class StreamPayloadBytesIT {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path dir;

    @Test
    void rawTableDeadLettersAndTopicKeepTheExactBytes(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "bytes_" + db.name();
        String dlq = "bytes_dlq_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 1);
        StreamIT configs = new StreamIT();
        configs.dir = dir;
        FerryConfig config = configs.config(db, bootstrap, topic, "json", """
                      dead_letter_topic: %s
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: note, type: string}
                        - {name: ts, type: timestamp}
                """.formatted(dlq), "raw_table: sensor_metrics_raw");
        String big = "{\"id\": 5, \"note\": \"" + "ü€x".repeat(166_000) + "\"}"; // ~1 MB, multi-byte UTF-8
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        add(keys, values, utf8("k0"), utf8("{\"id\": 0, \"note\": \"plain\"}"));
        // Latin-1 é inside the JSON, and a key that is not UTF-8 either
        add(keys, values, new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF},
                concat(utf8("{\"id\": 1, \"note\": \"caf"), new byte[] {(byte) 0xE9}, utf8("\"}")));
        add(keys, values, utf8("k2"), utf8("{\"id\": 2, \"note\": \"\\ud800x\"}")); // a lone surrogate
        add(keys, values, utf8("k3"), utf8("{\"id\": 3, \"note\": \"a\\u0000b\"}")); // an escaped NUL
        add(keys, values, utf8("k4"), concat(utf8("{\"id\": 4, \"note\": \"a"), new byte[] {0}, utf8("b\"}")));
        add(keys, values, utf8("k5"), utf8(big));
        add(keys, values, utf8("k6"), utf8("{\"id\": 6, \"note\": \"far\", \"ts\": \"2500-01-01T00:00:00Z\"}"));
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        add(keys, values, null, binary);
        add(keys, values, utf8("k8"), null); // a tombstone: kept as an empty payload
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = StreamIT.gateway(db)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))).get();
            }
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                StreamIT.await(() -> runner.stats().written() + runner.stats().dead() == values.size(), runner);
                assertThat(runner.stats().written()).isEqualTo(3);
            }
            List<List<String>> raw = ch.queryAll("SELECT toString(_offset), hex(_key), hex(payload) "
                    + "FROM sensor_metrics_raw ORDER BY _offset");
            assertThat(raw).hasSize(values.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(raw.get(i)).as("raw message %d", i)
                        .containsExactly(Integer.toString(i), hex(keys.get(i)), hexOrEmpty(values.get(i)));
            }
            Map<String, List<String>> dead = new HashMap<>();
            ch.queryAll("SELECT toString(_offset), hex(_key), hex(payload), error FROM _ferry_stream_dead_letters "
                    + "WHERE pipeline = 'sensors'").forEach(row -> dead.put(row.get(0), row));
            assertThat(dead.keySet()).containsExactlyInAnyOrder("1", "2", "4", "6", "7", "8");
            for (String offset : dead.keySet()) {
                int i = Integer.parseInt(offset);
                assertThat(dead.get(offset).subList(1, 3)).as("dead letter %d", i)
                        .containsExactly(hex(keys.get(i)), hexOrEmpty(values.get(i)));
            }
            assertThat(dead.get("1").get(3)).contains("UTF-8");
            assertThat(dead.get("2").get(3)).contains("column note (note)").contains("surrogate");
            assertThat(dead.get("6").get(3)).startsWith("ts: ").contains("2500").contains("range");
            assertThat(ch.queryAll("SELECT toString(id), hex(note) FROM sensor_metrics ORDER BY id")).containsExactly(
                    List.of("0", hexOrEmpty(utf8("plain"))), List.of("3", "610062"),
                    List.of("5", hexOrEmpty(utf8(big.substring(19, big.length() - 2)))));

            Map<Long, ConsumerRecord<byte[], byte[]>> published = readTopic(bootstrap, dlq, dead.size());
            assertThat(published).hasSize(dead.size());
            for (ConsumerRecord<byte[], byte[]> letter : published.values()) {
                int i = Integer.parseInt(new String(letter.headers().lastHeader("ferry.offset").value(),
                        StandardCharsets.UTF_8));
                assertThat(hex(letter.key())).as("published key %d", i).isEqualTo(hex(keys.get(i)));
                assertThat(hexOrEmpty(letter.value())).as("published value %d", i).isEqualTo(hexOrEmpty(values.get(i)));
            }
        }
    }

    private static void add(List<byte[]> keys, List<byte[]> values, byte[] key, byte[] value) {
        keys.add(key);
        values.add(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** ClickHouse's hex() of a Nullable NULL is NULL. */
    private static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static String hexOrEmpty(byte[] bytes) {
        return bytes == null ? "" : HEX.formatHex(bytes);
    }

    private static Map<Long, ConsumerRecord<byte[], byte[]>> readTopic(String bootstrap, String topic, int count) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "reader_" + topic);
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<Long, ConsumerRecord<byte[], byte[]>> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> records.put(record.offset(), record));
            }
        }
        return records;
    }
}
