package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ferry cdc} killed with SIGKILL mid-stream or during its initial snapshot, changes made while it is
 * down, then restarted: ClickHouse ends equal to the source, with no duplicates and no ghost rows. Run
 * against PostgreSQL and MariaDB.
 */
@FerryIntegrationTest
class CdcKillIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void streamingResumesAfterKillWithoutLossOrDuplicates(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        createItems(source, 2000);
        Path config = writeConfig(db, source, ch);
        SplittableRandom random = new SplittableRandom(11);
        List<Process> processes = new ArrayList<>();
        try (ClickHouseGateway gateway = gateway(db, ch)) {
            Process first = start(config, "first", processes);
            awaitEqual(source, gateway, "first");
            changes(source, random, 20);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL while changes stream
            changes(source, random, 20); // made while Ferry is down

            Process second = start(config, "second", processes);
            awaitEqual(source, gateway, "second");
            second.destroy(); // SIGTERM: flush and commit
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // no duplicate current rows, whatever was replayed
            assertThat(gateway.queryLong("SELECT count() - uniqExact(id) FROM items_current")).isZero();
            // and ferry validate agrees, value by value
            CliRun validate = CliRun.of("validate", "--config", config.toString());
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
            assertThat(validate.out()).contains("all 1 tables equal");
        } finally {
            stopAll(processes);
            source.dropSlot("ferry_" + db.name());
        }
    }

    /**
     * Killed while the initial snapshot is loading, with changes streaming meanwhile: the next run loads the
     * chunks not yet done (or everything again, when no stream position was stored yet), and rows deleted in
     * between must not survive from the first attempt.
     */
    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void killDuringTheSnapshotLeavesNoGhostRows(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        createItems(source, 400_000);
        Path config = writeConfig(db, source, ch);
        List<Process> processes = new ArrayList<>();
        try (ClickHouseGateway gateway = gateway(db, ch)) {
            Process first = start(config, "first", processes);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (!viewExists(gateway)
                    || gateway.queryLong("SELECT count() FROM items") == 0)) {
                Thread.sleep(5);
            }
            changes(source, new SplittableRandom(5), 3); // streamed while the snapshot loads
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long loaded = gateway.queryLong("SELECT count() FROM items_current");
            assertThat(loaded).as("killed before the snapshot finished").isLessThan(400_000);
            source.execute("DELETE FROM items WHERE id <= 500");
            start(config, "second", processes);
            awaitEqual(source, gateway, "second");
        } finally {
            stopAll(processes);
            source.dropSlot("ferry_" + db.name());
        }
    }

    private static void createItems(SourceDb source, int rows) throws Exception {
        source.execute("CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL)", source.postgres()
                ? "INSERT INTO items SELECT g, g FROM generate_series(1, " + rows + ") g"
                : "INSERT INTO items SELECT seq, seq FROM seq_1_to_" + rows);
    }

    private Path writeConfig(TestDatabases db, SourceDb source, ServerEndpoint ch) throws Exception {
        Files.writeString(dir.resolve("src.secret"), source.server().password());
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: %s
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                    chunk_rows: 20000
                """.formatted(source.connectionYaml("src", "${file:src.secret}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), source.qualified("items")));
        return config;
    }

    private Process start(Path config, String name, List<Process> processes) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "cdc", "--config", config.toString(),
                "--status-every", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code transactions} transactions of 50 random updates, deletes and inserts each. */
    private static void changes(SourceDb source, SplittableRandom random, int transactions) throws Exception {
        String insert = source.postgres() ? "INSERT INTO items VALUES (%d, 0) ON CONFLICT (id) DO NOTHING"
                : "INSERT IGNORE INTO items VALUES (%d, 0)";
        try (Connection conn = source.connect(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            for (int t = 0; t < transactions; t++) {
                for (int i = 0; i < 50; i++) {
                    int id = 1 + random.nextInt(3000);
                    switch (random.nextInt(3)) {
                        case 0 -> st.execute("UPDATE items SET v = v + 1 WHERE id = " + id);
                        case 1 -> st.execute("DELETE FROM items WHERE id = " + id);
                        default -> st.execute(insert.formatted(id));
                    }
                }
                conn.commit();
                Thread.sleep(20);
            }
        }
    }

    private void awaitEqual(SourceDb source, ClickHouseGateway gateway, String run) throws Exception {
        List<List<String>> expected = source.rows("SELECT id, v FROM items ORDER BY id");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            if (viewExists(gateway)) {
                actual = gateway.queryAll("SELECT toString(id), toString(v) FROM items_current ORDER BY id");
                if (actual.equals(expected)) {
                    return;
                }
            }
            Thread.sleep(300);
        }
        Path log = dir.resolve(run + ".log");
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        assertThat(actual).as("the %s run's output:%n%s", run, output.substring(Math.max(0, output.length() - 12000)))
                .isEqualTo(expected);
    }

    private static ClickHouseGateway gateway(TestDatabases db, ServerEndpoint ch) {
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    /** Whether Ferry has created the view yet (the process starts asynchronously). */
    private static boolean viewExists(ClickHouseGateway gateway) {
        return gateway.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                + "AND name = 'items_current'") > 0;
    }
}
