package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream whose target and raw tables are named with spaces, quotes, backticks, a backslash, a dot and
 * {@code ; DROP}: creating them, inserting, and (after a restart) reading back which offsets are written.
 */
@FerryIntegrationTest
class StreamNastyNamesIT {

    static final String TABLE = "sensor `metrics`.v2; DROP it's \\ \"x\"";
    static final String RAW = "raw ünï 列.v2";

    @TempDir
    Path dir;

    @Test
    void targetTablesWithAnyNameAreCreatedFilledAndReadBack(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "nasty_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 1);
        FerryConfig config = config(db, bootstrap, topic);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway ch = StreamIT.gateway(db)) {
            for (int i = 0; i < 10; i++) {
                KafkaTestSupport.send(producer, topic, "k", "{\"sensor_id\": \"s-" + i + "\", \"select\": " + i + "}");
            }
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                StreamIT.await(() -> runner.stats().written() == 10, runner);
            }
            // the restart reads which offsets the tables hold already, by their quoted names
            KafkaTestSupport.send(producer, topic, "k", "{\"sensor_id\": \"s-10\", \"select\": 10}");
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                StreamIT.await(() -> runner.stats().written() == 1, runner);
            }
            String table = ClickHouseGateway.quoteIdentifier(db.clickhouse()) + "."
                    + ClickHouseGateway.quoteIdentifier(TABLE);
            assertThat(ch.queryAll("SELECT count(), sum(`select`), uniqExact(_offset) FROM " + table))
                    .containsExactly(List.of("11", "55", "11"));
            assertThat(ch.queryLong("SELECT count() FROM " + ClickHouseGateway.quoteIdentifier(db.clickhouse()) + "."
                    + ClickHouseGateway.quoteIdentifier(RAW))).isEqualTo(11);
        }
    }

    private FerryConfig config(TestDatabases db, String bootstrap, String topic) throws Exception {
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
                      format: json
                      columns:
                        - {name: sensor_id, type: string, required: true}
                        - {name: select, type: int32}
                    target: {connection: ch, table: '%s', raw_table: '%s'}
                    batch: {rows: 500, interval: 200ms}
                """.formatted(bootstrap, ch.httpUrl(), db.clickhouse(), ch.user(), topic, db.name(),
                TABLE.replace("'", "''"), RAW));
        return ConfigLoader.load(file, Map.of("CH_PASSWORD", ch.password()));
    }
}
