package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ferry scheduler} processes on one PostgreSQL store share the work; one is killed (kill -9) in the
 * middle. Every task still runs, and only the tasks the killed process was running run twice.
 */
@FerryIntegrationTest
class SchedulerProcessesIT {

    private static final int TASKS = 24;
    private static final int RUNS = 3;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void twoSchedulersRunEachTaskOnceAndRecoverTheTasksOfAKilledOne(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        Files.writeString(dir.resolve("pg.secret"), pg.password());
        Files.createDirectories(dir.resolve("dags"));
        StringBuilder dag = new StringBuilder("id: wide\nmax_active_runs: 3\ntasks:\n");
        for (int i = 0; i < TASKS; i++) {
            dag.append("  - {id: t").append(i).append(", type: shell, command: 'echo \"{{ run_id }} {{ task_id }}\"")
                    .append(" >> ran.txt; sleep 0.5'}\n");
        }
        Files.writeString(dir.resolve("dags/wide.yaml"), dag.toString());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  meta: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                pipelines: []
                orchestrator: {store: meta, poll_interval: 200ms, lost_after: 5s, concurrency: 3}
                """.formatted(pg.host(), pg.port(), db.postgres(), pg.user()));

        Process first = start(config, "first");
        Process second = start(config, "second");
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            CliRun trigger = CliRun.of("dags", "trigger", "wide", "--config", config.toString());
            assertThat(trigger.exitCode()).as(trigger.err()).isZero();
            runIds.add(trigger.out().replaceAll("(?s).*queued run (\\S+).*", "$1"));
        }
        // let both take work, then kill one while it runs tasks
        awaitLines(dir.resolve("ran.txt"), 12, Duration.ofSeconds(90));
        first.destroyForcibly().waitFor();

        for (String runId : runIds) {
            CliRun wait = awaitRun(config, runId, Duration.ofSeconds(180));
            assertThat(wait.out()).as(wait.out() + log("first") + log("second")).contains("of wide: success");
        }

        Map<String, Long> ran = Files.readAllLines(dir.resolve("ran.txt")).stream()
                .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
        assertThat(ran).as("every task of every run ran").hasSize(TASKS * RUNS);
        Set<String> lost = lostAttempts(db);
        assertThat(lost).as("the killed scheduler was running tasks").isNotEmpty();
        Set<String> twice = ran.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(ran.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
        assertThat(lost).as("only tasks lost with the killed process ran again").containsAll(twice);
        assertThat(workers(db)).as("both schedulers took work").isGreaterThanOrEqualTo(2);
    }

    private Process start(Path config, String name) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "scheduler", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private CliRun awaitRun(Path config, String runId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CliRun state;
        do {
            state = CliRun.of("dags", "state", "wide", runId, "--config", config.toString());
            if (state.out().contains("of wide: success") || state.out().contains("of wide: failed")) {
                return state;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        return state;
    }

    private static void awaitLines(Path file, int lines, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
            assertThat(System.nanoTime()).as("waiting for " + lines + " tasks to run").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** "run_id task_id" of attempts failed as lost (their scheduler stopped sending heartbeats). */
    private static Set<String> lostAttempts(TestDatabases db) throws Exception {
        Set<String> lost = new HashSet<>();
        try (Connection connection = db.postgresConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT run_id, task_id FROM ferry_meta.task_attempt"
                     + " WHERE error LIKE 'lost:%'")) {
            while (rows.next()) {
                lost.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return lost;
    }

    private static int workers(TestDatabases db) throws Exception {
        try (Connection connection = db.postgresConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT worker) FROM ferry_meta.task_attempt")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private String log(String name) {
        try {
            return "\n" + name + " log:\n" + Files.readString(dir.resolve(name + ".log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
