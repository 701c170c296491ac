package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inserts, updates, deletes, a key change and a row changed twice in one transaction reach ClickHouse's
 * current view, from PostgreSQL and from MariaDB; a restart resumes from the stored offsets.
 */
@FerryIntegrationTest
class CdcIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void changesStreamIntoCurrentStateAndSurviveARestart(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        if (source.postgres()) {
            source.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, amount numeric(10,2), "
                    + "updated_at timestamp(3) NOT NULL)",
                    "INSERT INTO orders SELECT g, 'new', g * 1.5, '2024-01-01'::timestamp + g * interval '1 minute' "
                            + "FROM generate_series(1, 100) g");
        } else {
            source.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                    + "amount decimal(10,2), updated_at datetime(3) NOT NULL)",
                    "INSERT INTO orders SELECT seq, 'new', seq * 1.5, TIMESTAMPADD(MINUTE, seq, '2024-01-01') "
                            + "FROM seq_1_to_100");
        }
        FerryConfig config = config(db, source, ch);
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(source, gateway, runner);

                source.execute("INSERT INTO orders (id, status, amount, updated_at) VALUES "
                                + "(101, 'new', 1, '2024-02-01 10:00:00'), (102, 'new', 2, '2024-02-01 10:00:00')",
                        "UPDATE orders SET status = 'paid', amount = amount + 1 WHERE id BETWEEN 1 AND 5",
                        "DELETE FROM orders WHERE id IN (7, 8, 9)",
                        "UPDATE orders SET id = 1000 WHERE id = 10");
                try (var conn = source.connect(); var st = conn.createStatement()) {
                    conn.setAutoCommit(false); // one row changed twice in one transaction: the later change wins
                    st.execute("UPDATE orders SET status = 'first' WHERE id = 11");
                    st.execute("UPDATE orders SET status = 'second' WHERE id = 11");
                    conn.commit();
                }
                awaitEqual(source, gateway, runner);
            }
            // changes while Ferry is down are picked up from the stored offsets
            source.execute("UPDATE orders SET status = 'late' WHERE id = 20", "DELETE FROM orders WHERE id = 1000",
                    "INSERT INTO orders VALUES (2000, 'new', NULL, '2024-03-01 00:00:00')");
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(source, gateway, runner);
            }
            assertThat(gateway.queryLong("SELECT count() FROM orders_current")).isEqualTo(99);
        } finally {
            source.dropSlot(PostgresCdcSource.slotName(db.name()));
        }
    }

    private FerryConfig config(TestDatabases db, SourceDb source, ServerEndpoint ch) throws Exception {
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), source.qualified("orders")));
        return ConfigLoader.load(file, Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD",
                ch.password()));
    }

    private static void awaitEqual(SourceDb source, ClickHouseGateway gateway, CdcRunner runner) throws Exception {
        List<List<String>> expected = source.rows("SELECT id, status, amount FROM orders ORDER BY id");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(runner.failure()).isNull();
            actual = gateway.queryAll("SELECT toString(id), status, toString(amount) FROM orders_current ORDER BY id");
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(actual).as(() -> "raw rows: " + gateway.queryAll("SELECT id, status, _version, _is_deleted FROM "
                + "orders WHERE id IN (10, 11, 1000) ORDER BY id, _version") + " dead letters: "
                + gateway.queryAll("SELECT error FROM _ferry_dead_letters")).isEqualTo(expected);
    }
}
