package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code columns: auto}: the table is created from the first messages and keeps its columns across restarts. */
@FerryIntegrationTest
class StreamInferenceIT {

    @TempDir
    Path dir;

    @Test
    void columnsAreInferredFromTheFirstMessagesAndKeptInTheTable(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "inferred_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 2);
        StreamIT helper = new StreamIT();
        helper.dir = dir;
        FerryConfig config = helper.config(db, bootstrap, topic, "json", "      columns: auto\n      infer_sample: 50",
                "raw_table: sensor_metrics_raw");
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = StreamIT.gateway(db)) {
            for (int i = 0; i < 200; i++) {
                KafkaTestSupport.send(producer, topic, "s-" + (i % 5), ("{\"sensor_id\": \"s-%d\", \"ts\":"
                        + " \"2026-01-01T10:%02d:00Z\", \"metrics\": {\"temperature\": %d.5, \"count\": %d}}")
                        .formatted(i % 5, i % 60, i, i));
            }
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                StreamIT.await(() -> runner.stats().written() == 200, runner);
            }
            assertThat(ch.queryAll("SELECT name, type, comment FROM system.columns WHERE database = currentDatabase()"
                    + " AND table = 'sensor_metrics' AND name NOT LIKE '\\\\_%'")).containsExactly(
                    List.of("sensor_id", "Nullable(String)", "ferry path: sensor_id"),
                    List.of("ts", "Nullable(DateTime('UTC'))", "ferry path: ts"),
                    List.of("metrics_temperature", "Nullable(Float64)", "ferry path: metrics.temperature"),
                    List.of("metrics_count", "Nullable(Int64)", "ferry path: metrics.count"));
            assertThat(ch.queryAll("SELECT sensor_id, toString(metrics_temperature), toString(metrics_count) FROM"
                    + " sensor_metrics WHERE metrics_count = 7")).containsExactly(List.of("s-2", "7.5", "7"));

            // after a restart the columns come from the table, whatever the new messages look like
            KafkaTestSupport.send(producer, topic, "s-1", "{\"sensor_id\": \"s-1\", \"brand_new\": 1,"
                    + " \"metrics\": {\"count\": 1000}}");
            KafkaTestSupport.send(producer, topic, "s-1", "{\"sensor_id\": \"s-1\", \"metrics\": {\"count\": \"many\"}}");
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                StreamIT.await(() -> runner.stats().consumed() == 2 && runner.stats().dead() == 1, runner);
            }
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics")).isEqualTo(201);
            assertThat(ch.queryAll("SELECT count() FROM system.columns WHERE database = currentDatabase() AND table ="
                    + " 'sensor_metrics' AND name = 'brand_new'")).containsExactly(List.of("0"));
            assertThat(ch.queryValue("SELECT error FROM _ferry_stream_dead_letters")).contains("metrics_count")
                    .contains("many");
        }
    }

    @Test
    void withStartLatestTheSampledMessagesAreConsumedToo(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "latest_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 1);
        StreamIT helper = new StreamIT();
        helper.dir = dir;
        FerryConfig config = helper.config(db, bootstrap, topic, "json", "      start: latest\n      columns: auto",
                "raw_table: sensor_metrics_raw");
        try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"));
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = StreamIT.gateway(db)) {
            // start() waits for the first message to infer from: produce while it waits
            Thread starting = Thread.ofPlatform().start(runner::start);
            Thread.sleep(2_000);
            for (int i = 0; i < 50; i++) {
                KafkaTestSupport.send(producer, topic, "k", "{\"n\": %d, \"name\": \"item %d\"}".formatted(i, i));
            }
            starting.join(60_000);
            StreamIT.await(() -> runner.stats().written() == 50, runner);
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics")).isEqualTo(50);
            assertThat(ch.queryLong("SELECT min(n) FROM sensor_metrics")).isZero();
        }
    }
}
