package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry cdc} killed with SIGKILL mid-stream, changes made while it is down, then restarted. */
@FerryIntegrationTest
class CdcKillIT {

    @TempDir
    Path dir;

    @Test
    void streamingResumesAfterKillWithoutLossOrDuplicates(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        sql(db, "CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO items SELECT g, g FROM generate_series(1, 2000) g");
        Path config = writeConfig(db, pg, ch);
        SplittableRandom random = new SplittableRandom(11);
        List<Process> processes = new ArrayList<>();
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            Process first = start(config, "first", processes);
            awaitEqual(db, gateway, "first");
            changes(db, random, 20);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL while changes stream
            changes(db, random, 20); // made while Ferry is down

            Process second = start(config, "second", processes);
            awaitEqual(db, gateway, "second");
            second.destroy(); // SIGTERM: flush and commit
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // no duplicate current rows, whatever was replayed
            assertThat(gateway.queryLong("SELECT count() - uniqExact(id) FROM items_current")).isZero();
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            sql(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'ferry_"
                    + db.name() + "'");
        }
    }

    private Path writeConfig(TestDatabases db, ServerEndpoint pg, ServerEndpoint ch) throws Exception {
        Files.writeString(dir.resolve("pg.secret"), pg.password());
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: %s
                    source: {connection: pg, tables: [public.items]}
                    target: {connection: ch}
                    mode: cdc
                """.formatted(pg.host(), pg.port(), db.postgres(), pg.user(), ch.httpUrl(), db.clickhouse(), ch.user(),
                db.name()));
        return config;
    }

    /**
     * Killed right after the first rows of the initial snapshot arrived, before any offset was committed:
     * the next run snapshots again, and rows deleted in between must not survive from the first attempt.
     */
    @Test
    void killDuringTheSnapshotLeavesNoGhostRows(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        sql(db, "CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO items SELECT g, g FROM generate_series(1, 2000) g");
        Path config = writeConfig(db, pg, ch);
        List<Process> processes = new ArrayList<>();
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            Process first = start(config, "first", processes);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (!new ClickHouseCatalogProbe(gateway).viewExists()
                    || gateway.queryLong("SELECT count() FROM items") == 0)) {
                Thread.sleep(5);
            }
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            sql(db, "DELETE FROM items WHERE id <= 500");
            start(config, "second", processes);
            awaitEqual(db, gateway, "second");
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            sql(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'ferry_"
                    + db.name() + "'");
        }
    }

    private Process start(Path config, String name, List<Process> processes) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "cdc", "--config", config.toString(),
                "--status-every", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** {@code transactions} transactions of 50 random updates, deletes and inserts each. */
    private static void changes(TestDatabases db, SplittableRandom random, int transactions) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            for (int t = 0; t < transactions; t++) {
                for (int i = 0; i < 50; i++) {
                    int id = 1 + random.nextInt(3000);
                    switch (random.nextInt(3)) {
                        case 0 -> st.execute("UPDATE items SET v = v + 1 WHERE id = " + id);
                        case 1 -> st.execute("DELETE FROM items WHERE id = " + id);
                        default -> st.execute("INSERT INTO items VALUES (" + id + ", 0) ON CONFLICT (id) DO NOTHING");
                    }
                }
                conn.commit();
                Thread.sleep(20);
            }
        }
    }

    private void awaitEqual(TestDatabases db, ClickHouseGateway gateway, String run) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, v FROM items ORDER BY id")) {
            while (rs.next()) {
                expected.add(Arrays.asList(rs.getString(1), rs.getString(2)));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            if (new ClickHouseCatalogProbe(gateway).viewExists()) {
                actual = gateway.queryAll("SELECT toString(id), toString(v) FROM items_current ORDER BY id");
                if (actual.equals(expected)) {
                    return;
                }
            }
            Thread.sleep(300);
        }
        Path log = dir.resolve(run + ".log");
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        assertThat(actual).as("the %s run's output:%n%s", run, output.substring(Math.max(0, output.length() - 3000)))
                .isEqualTo(expected);
    }

    private static void sql(TestDatabases db, String... statements) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Whether Ferry has created the view yet (the process starts asynchronously). */
    private record ClickHouseCatalogProbe(ClickHouseGateway gateway) {
        boolean viewExists() {
            return gateway.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                    + "AND name = 'items_current'") > 0;
        }
    }
}
