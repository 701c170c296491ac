package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.kafka.StreamRunner;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's topology: PostgreSQL → CDC → Kafka (a topic per table) → a stream pipeline reading the
 * Debezium events → ClickHouse, which ends equal to the source through inserts, updates, deletes and a
 * key change.
 */
@FerryIntegrationTest
class CdcToKafkaIT {

    @TempDir
    Path dir;

    @Test
    void postgresChangesReachClickHouseThroughKafka(TestDatabases db) throws Exception {
        SourceDb pg = new SourceDb(db, SourceDb.Kind.POSTGRES);
        ServerEndpoint ch = db.stack().clickhouse();
        String bootstrap = db.stack().kafkaBootstrap();
        pg.execute("CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL, quantity int NOT NULL, "
                + "price numeric(10,2) NOT NULL, status text)",
                "INSERT INTO order_items SELECT g, g / 3, g % 5 + 1, g * 1.25, 'new' FROM generate_series(1, 300) g");
        String cdcName = "c" + db.name();
        Files.writeString(dir.resolve("ferry.yaml"), """
                connections:
                  %s
                  bus: {type: kafka, bootstrap: "%s"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    mode: cdc
                    source: {connection: src, tables: [public.order_items]}
                    target: {connection: bus}
                  - name: items
                    mode: stream
                    source:
                      connection: bus
                      topics: [%s.public.order_items]
                      group: g_%s
                      format: debezium
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: order_id, type: int64, required: true}
                        - {name: quantity, type: int32, required: true, min: 1}
                        - {name: price, type: "decimal(10,2)", required: true}
                        - {name: status, type: string}
                    target: {connection: ch, table: order_items, order_by: [id]}
                    batch: {interval: 200ms}
                """.formatted(pg.connectionYaml("src", "${env:SRC_PASSWORD}"), bootstrap, ch.httpUrl(), db.clickhouse(),
                ch.user(), cdcName, cdcName, db.name()));
        FerryConfig config = ConfigLoader.load(dir.resolve("ferry.yaml"),
                Map.of("SRC_PASSWORD", pg.server().password(), "CH_PASSWORD", ch.password()));
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
                CdcRunner cdc = new CdcRunner(config, config.requirePipeline(cdcName));
                StreamRunner stream = new StreamRunner(config, config.requirePipeline("items"))) {
            cdc.start();
            stream.start();
            awaitEqual(pg, gateway, cdc, stream);
            pg.execute("INSERT INTO order_items VALUES (1000, 7, 2, 19.99, 'new')",
                    "UPDATE order_items SET status = 'paid', quantity = quantity + 1 WHERE id <= 50",
                    "DELETE FROM order_items WHERE id BETWEEN 100 AND 120",
                    "UPDATE order_items SET id = 2000 WHERE id = 200");
            awaitEqual(pg, gateway, cdc, stream);
            assertThat(stream.stats().dead()).isZero();
        } finally {
            pg.dropSlot("ferry_" + cdcName);
        }
    }

    private static void awaitEqual(SourceDb pg, ClickHouseGateway gateway, CdcRunner cdc, StreamRunner stream)
            throws Exception {
        List<List<String>> expected = pg.rows("SELECT id, order_id, quantity, price, status FROM order_items ORDER BY id");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(cdc.failure()).isNull();
            assertThat(stream.failure()).isNull();
            try {
                actual = gateway.queryAll("SELECT toString(id), toString(order_id), toString(quantity), toString(price), "
                        + "status FROM order_items_current ORDER BY id");
            } catch (RuntimeException notYet) {
                actual = List.of();
            }
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(300);
        }
        assertThat(actual).as(() -> "stream " + stream.stats() + ", published " + cdc.applied() + ", dead letters: "
                + gateway.queryAll("SELECT error, payload FROM _ferry_stream_dead_letters LIMIT 2")).isEqualTo(expected);
    }
}
