package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a running {@code ferry sync} mid-snapshot, then a second run that finishes the job. */
@FerryIntegrationTest
class SnapshotResumeIT {

    private static final long ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void snapshotResumesAfterKillWithoutDuplicates(TestDatabases db) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, payload text)");
            st.execute("INSERT INTO events SELECT g, 'k' || (g % 7), md5(g::text) FROM generate_series(1, " + ROWS + ") g");
        }
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("pg.secret"), pg.password());
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: events
                    source: {connection: pg, tables: [public.events]}
                    target: {connection: ch}
                    chunk_rows: 20000
                    parallelism: 1
                    batch: {rows: 5000}
                """.formatted(pg.host(), pg.port(), db.postgres(), pg.user(), ch.httpUrl(), db.clickhouse(), ch.user()));

        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "sync", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("first-run.log").toFile());
        Process first = builder.start();
        Path state = dir.resolve(".ferry/state/events.json");
        int doneBeforeKill = waitForChunks(state, 3, Duration.ofSeconds(120));
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(doneBeforeKill).as("chunks committed when killed").isBetween(3, 49);

        CliRun second = CliRun.of("sync", "--config", config.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("snapshot (resumed)");
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            assertThat(gateway.queryLong("SELECT count() FROM events FINAL")).isEqualTo(ROWS);
            // no physical duplicates either: re-done partial chunks were merged before the swap
            assertThat(gateway.queryLong("SELECT count() FROM events")).isEqualTo(ROWS);
            assertThat(gateway.queryAll("SELECT sum(id), uniqExact(payload) FROM events"))
                    .containsExactly(List.of(Long.toString(ROWS * (ROWS + 1) / 2), Long.toString(ROWS)));
        }
        CliRun validate = CliRun.of("validate", "--config", config.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();
    }

    private static int waitForChunks(Path state, int wanted, Duration timeout) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(state)) {
                try {
                    JsonNode table = json.readTree(state.toFile()).path("public.events");
                    int done = table.path("doneChunks").size();
                    if (done >= wanted) {
                        return done;
                    }
                } catch (java.io.IOException e) {
                    // the file is replaced atomically, but may vanish between exists() and read: poll again
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the first run never committed " + wanted + " chunks; see first-run.log");
    }
}
