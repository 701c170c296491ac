package dev.ferry.cdc;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inserts, updates, deletes and a key change reach ClickHouse's current view; a restart resumes. */
@FerryIntegrationTest
class PostgresCdcIT {

    @TempDir
    Path dir;

    @Test
    void changesStreamIntoCurrentStateAndSurviveARestart(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        execute(db, "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, amount numeric(10,2), "
                + "updated_at timestamp(3) NOT NULL)",
                "INSERT INTO orders SELECT g, 'new', g * 1.5, '2024-01-01'::timestamp + g * interval '1 minute' "
                        + "FROM generate_series(1, 100) g");
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${env:PG_PASSWORD}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: pg, tables: [public.orders]}
                    target: {connection: ch}
                """.formatted(pg.host(), pg.port(), db.postgres(), pg.user(), ch.httpUrl(), db.clickhouse(), ch.user(),
                db.name()));
        FerryConfig loaded = ConfigLoader.load(config, Map.of("PG_PASSWORD", pg.password(), "CH_PASSWORD",
                ch.password()));
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            try (CdcRunner runner = new CdcRunner(loaded, loaded.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(db, gateway, runner);

                execute(db, "INSERT INTO orders SELECT g, 'new', g, now() FROM generate_series(101, 110) g",
                        "UPDATE orders SET status = 'paid', amount = amount + 1 WHERE id BETWEEN 1 AND 5",
                        "DELETE FROM orders WHERE id IN (7, 8, 9)",
                        "UPDATE orders SET id = 1000 WHERE id = 10");
                awaitEqual(db, gateway, runner);
            }
            // changes while Ferry is down are picked up from the stored offsets
            execute(db, "UPDATE orders SET status = 'late' WHERE id = 20", "DELETE FROM orders WHERE id = 1000",
                    "INSERT INTO orders VALUES (2000, 'new', NULL, now())");
            try (CdcRunner runner = new CdcRunner(loaded, loaded.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(db, gateway, runner);
            }
            assertThat(gateway.queryLong("SELECT count() FROM orders_current")).isEqualTo(107);
        } finally {
            execute(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + DebeziumConfig.slotName(db.name()) + "'");
        }
    }

    private static void awaitEqual(TestDatabases db, ClickHouseGateway gateway, CdcRunner runner) throws Exception {
        List<List<String>> expected = source(db);
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
        assertThat(actual).as(() -> "raw rows: " + gateway.queryAll("SELECT id, status, _version, _is_deleted FROM orders "
                + "WHERE id IN (10, 1000) ORDER BY id, _version") + " dead letters: "
                + gateway.queryAll("SELECT error FROM _ferry_dead_letters")).isEqualTo(expected);
    }

    private static List<List<String>> source(TestDatabases db) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, status, amount FROM orders ORDER BY id")) {
            while (rs.next()) {
                rows.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    private static void execute(TestDatabases db, String... statements) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
