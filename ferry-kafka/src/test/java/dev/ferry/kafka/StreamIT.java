package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON and CSV messages into ClickHouse: rows, every kind of bad message as a dead letter, restarts. */
@FerryIntegrationTest
class StreamIT {

    private static final String SENSOR_COLUMNS = StreamItColumns.SENSORS;

    @TempDir
    Path dir;

    @Test
    void jsonRowsDeadLettersAndRestartsReconcile(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "sensors_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 2);
        String dlq = "dlq_" + db.name();
        // a datamart refreshed after every batch (seed 002's layers)
        try (ClickHouseGateway ch = gateway(db)) {
            ch.execute("CREATE TABLE sensor_stats (sensor_id String, readings UInt64) ENGINE = MergeTree ORDER BY sensor_id");
        }
        FerryConfig config = config(db, bootstrap, topic, "json", "      dead_letter_topic: " + dlq + "\n"
                + SENSOR_COLUMNS, "raw_table: sensor_metrics_raw, after_batch: [\"TRUNCATE TABLE sensor_stats\", "
                + "\"INSERT INTO sensor_stats SELECT sensor_id, count() FROM sensor_metrics GROUP BY sensor_id\"]");
        List<String> bad = List.of(
                "not json {",
                "[1, 2, 3]",
                "{\"timestamp\": \"2026-01-01T00:00:00Z\", \"metrics\": {\"temperature\": 20}}",
                "{\"sensor_id\": \"s-1\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"metrics\": {\"temperature\": 500}}",
                "{\"sensor_id\": \"x-1\", \"timestamp\": \"2026-01-01T00:00:00Z\"}",
                "{\"sensor_id\": \"s-1\", \"timestamp\": \"yesterday\"}",
                "{\"sensor_id\": \"s-1\", \"timestamp\": 1767225600, \"metrics\": {\"count\": 30000000000}}",
                "{\"sensor_id\": \"s-1\", \"timestamp\": 1767225600, \"metrics\": {\"humidity\": 12.345}}",
                "{\"sensor_id\": \"s-1\", \"timestamp\": 1767225600, \"metrics\": {\"temperature\": \"warm\"}}");
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = gateway(db)) {
            for (int i = 0; i < 1000; i++) {
                KafkaTestSupport.send(producer, topic, "s-" + (i % 10), good(i));
                if (i % 100 == 0 && i / 100 < bad.size()) {
                    KafkaTestSupport.send(producer, topic, "bad", bad.get(i / 100));
                }
            }
            KafkaTestSupport.send(producer, topic, null, null); // a message without a value
            int total = 1000 + bad.size() + 1;
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                await(() -> runner.stats().consumed() == total && runner.stats().written() + runner.stats().dead()
                        == total, runner);
                StreamStats stats = runner.stats();
                assertThat(stats.written()).isEqualTo(1000);
                assertThat(stats.dead()).isEqualTo(bad.size() + 1);
            }
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics")).isEqualTo(1000);
            assertThat(ch.queryLong("SELECT uniqExact(_partition, _offset) FROM sensor_metrics")).isEqualTo(1000);
            assertThat(ch.queryAll("SELECT sensor_id, toString(temperature), toString(humidity), toString(readings) "
                    + "FROM sensor_metrics WHERE sensor_id = 's-7' ORDER BY ts LIMIT 1"))
                    .containsExactly(List.of("s-7", "7.5", "50.07", "7"));
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics_raw")).isEqualTo(total);
            List<String> errors = ch.queryAll("SELECT error FROM _ferry_stream_dead_letters WHERE pipeline = 'sensors' "
                    + "ORDER BY _partition, _offset").stream().map(r -> r.get(0)).toList();
            assertThat(errors).hasSize(bad.size() + 1).anyMatch(e -> e.startsWith("not JSON"))
                    .anyMatch(e -> e.startsWith("expected a JSON object"))
                    .anyMatch(e -> e.contains("column sensor_id (sensor_id): is required but missing"))
                    .anyMatch(e -> e.contains("column temperature (metrics.temperature): 500.0 is above the maximum 150"))
                    .anyMatch(e -> e.contains("'x-1' does not match s-[0-9]+"))
                    .anyMatch(e -> e.contains("'yesterday' is not a timestamp"))
                    .anyMatch(e -> e.contains("30000000000 overflows int32"))
                    .anyMatch(e -> e.contains("12.345 has more than 2 decimal places"))
                    .anyMatch(e -> e.contains("'warm' is not a number"))
                    .anyMatch(e -> e.contains("the message has no value"));
            assertThat(ch.queryLong("SELECT count() FROM _ferry_stream_dead_letters WHERE payload LIKE '%500%'"))
                    .as("the raw payload is kept").isEqualTo(1);
            assertThat(ch.queryLong("SELECT sum(readings) FROM sensor_stats")).isEqualTo(1000);
            List<String> published = KafkaTestSupport.readAll(bootstrap, dlq, bad.size() + 1, "ferry.error");
            assertThat(published).hasSize(bad.size() + 1).anyMatch(e -> e.contains("above the maximum 150"));

            // a restart reads nothing twice, and goes on with new messages
            for (int i = 1000; i < 1100; i++) {
                KafkaTestSupport.send(producer, topic, "s-1", good(i));
            }
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                await(() -> runner.stats().consumed() == 100 && runner.stats().written() == 100, runner);
            }
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics")).isEqualTo(1100);
            assertThat(ch.queryLong("SELECT count() FROM sensor_metrics_raw")).isEqualTo(total + 100);
        }
    }

    @Test
    void csvLinesByPosition(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "csv_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 1);
        FerryConfig config = config(db, bootstrap, topic, "csv", """
                  columns:
                    - {name: id, type: int64, required: true}
                    - {name: name, type: string}
                    - {name: amount, type: "decimal(10,2)", min: 0}
                    - {name: day, type: date}
            """, "");
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = gateway(db)) {
            KafkaTestSupport.send(producer, topic, null, "1,\"Smith, John\",10.50,2026-01-02");
            KafkaTestSupport.send(producer, topic, null, "2,Ann,,2026-01-03");
            KafkaTestSupport.send(producer, topic, null, "3,Bob,-1,2026-01-04");
            KafkaTestSupport.send(producer, topic, null, "x,Eve,1,2026-01-05");
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                await(() -> runner.stats().written() + runner.stats().dead() == 4, runner);
            }
            assertThat(ch.queryAll("SELECT toString(id), name, toString(amount), toString(day) FROM sensor_metrics "
                    + "ORDER BY id")).as(() -> "dead letters: " + ch.queryAll("SELECT error FROM _ferry_stream_dead_letters")).containsExactly(List.of("1", "Smith, John", "10.50", "2026-01-02"),
                    java.util.Arrays.asList("2", "Ann", null, "2026-01-03"));
            assertThat(ch.queryAll("SELECT error FROM _ferry_stream_dead_letters ORDER BY _offset"))
                    .containsExactly(List.of("column amount (2): -1.00 is below the minimum 0"),
                            List.of("column id (0): 'x' is not a whole number"));
        }
    }

    @Test
    void rowsAreEnrichedFromADimensionTable(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "enrich_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 1);
        try (ClickHouseGateway ch = gateway(db)) {
            ch.execute("CREATE TABLE sensor_sites (sensor_id String, site String, floor Int32) ENGINE = MergeTree "
                    + "ORDER BY sensor_id");
            ch.execute("INSERT INTO sensor_sites VALUES ('s-1', 'plant A', 2), ('s-2', 'plant B', 0)");
        }
        FerryConfig config = config(db, bootstrap, topic, "json", """
                  columns:
                    - {name: sensor_id, type: string, required: true}
                    - {name: temperature, type: float64}
                  enrich:
                    - table: %s.sensor_sites
                      key: sensor_id
                      columns: [{name: site, type: string, required: true}, {name: floor, type: int32}]
            """.formatted(db.clickhouse()), "");
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = gateway(db);
                StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
            runner.start();
            KafkaTestSupport.send(producer, topic, null, "{\"sensor_id\": \"s-1\", \"temperature\": 20.5}");
            KafkaTestSupport.send(producer, topic, null, "{\"sensor_id\": \"s-9\", \"temperature\": 21}");
            await(() -> runner.stats().written() + runner.stats().dead() == 2, runner);
            // a site registered later is found: a missing key makes Ferry read the table again
            ch.execute("INSERT INTO sensor_sites VALUES ('s-9', 'plant C', 1)");
            Thread.sleep(5_500);
            KafkaTestSupport.send(producer, topic, null, "{\"sensor_id\": \"s-9\", \"temperature\": 22}");
            await(() -> runner.stats().written() == 2, runner);
            assertThat(ch.queryAll("SELECT sensor_id, toString(temperature), site, toString(floor) FROM sensor_metrics "
                    + "ORDER BY _offset")).containsExactly(List.of("s-1", "20.5", "plant A", "2"),
                    List.of("s-9", "22", "plant C", "1"));
            assertThat(ch.queryAll("SELECT error FROM _ferry_stream_dead_letters")).containsExactly(List.of(
                    "enrichment: no row with sensor_id = s-9 in " + db.clickhouse() + ".sensor_sites for required "
                            + "column site"));
        }
    }

    static String good(int i) {
        return "{\"sensor_id\": \"s-" + (i % 10) + "\", \"timestamp\": \"2026-01-01T00:%02d:%02dZ\", "
                .formatted(i / 60 % 60, i % 60)
                + "\"metrics\": {\"temperature\": " + (i % 100 + 0.5) + ", \"humidity\": " + (50 + (i % 10) / 100.0)
                + ", \"count\": " + (i % 10) + "}}";
    }

    FerryConfig config(TestDatabases db, String bootstrap, String topic, String format, String columns,
            String targetExtra) throws Exception {
        return config(db, bootstrap, topic, format, columns, targetExtra, db.stack().clickhouse().httpUrl());
    }

    FerryConfig config(TestDatabases db, String bootstrap, String topic, String format, String columns,
            String targetExtra, String clickhouseUrl) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  events: {type: kafka, bootstrap: "%s"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: sensors
                    mode: stream
                    source:
                      connection: events
                      topics: [%s]
                      group: g_%s
                      format: %s
                %s
                    target: {connection: ch, table: sensor_metrics, %s}
                    batch: {rows: 500, interval: 200ms}
                """.formatted(bootstrap, clickhouseUrl, db.clickhouse(), ch.user(), topic, db.name(), format,
                columns.stripTrailing(), targetExtra));
        return ConfigLoader.load(file, Map.of("CH_PASSWORD", ch.password()));
    }

    static ClickHouseGateway gateway(TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    static void await(BooleanSupplier condition, StreamRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(runner.failure()).isNull();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; stats: " + runner.stats());
            }
            Thread.sleep(100);
        }
    }
}
