package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator from the command line on the embedded store: a {@code ferry scheduler} process runs while
 * other commands (in this JVM) trigger, inspect and pause, as a user at two terminals would.
 */
@FerryIntegrationTest
class DagCommandsIT {

    @TempDir
    Path dir;

    private Process scheduler;

    @AfterEach
    void stopScheduler() throws InterruptedException {
        if (scheduler != null) {
            scheduler.destroy();
            if (!scheduler.waitFor(20, TimeUnit.SECONDS)) {
                scheduler.destroyForcibly();
            }
            // a clean stop on SIGTERM exits 0, not 143
            assertThat(scheduler.exitValue()).as("exit code after SIGTERM").isZero();
        }
    }

    private Path config() throws Exception {
        Files.createDirectories(dir.resolve("dags"));
        Files.writeString(dir.resolve("dags/fan.yaml"), """
                id: fan
                description: fan-out and fan-in of shell tasks
                tags: [test]
                params: {greeting: hello}
                tasks:
                  - id: start
                    type: shell
                    command: echo {{ params.greeting | shell }} "from {{ task_id }}" && echo start >> order.txt
                  - {id: left, type: shell, command: "sleep 0.3; echo left >> order.txt", depends_on: start}
                  - {id: right, type: shell, command: "sleep 0.3; echo right >> order.txt", depends_on: start}
                  - {id: join, type: shell, command: "echo join >> order.txt", depends_on: [left, right]}
                """);
        Files.writeString(dir.resolve("dags/flaky.yaml"), """
                id: flaky
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - {id: fail, type: shell, command: "echo trying; exit 3"}
                  - {id: after, type: shell, command: "echo never", depends_on: fail}
                """);
        Files.writeString(dir.resolve("dags/hourly.yaml"), """
                id: hourly
                schedule: "@hourly"
                tasks:
                  - {id: tick, type: shell, command: "true"}
                """);
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections: {}
                pipelines: []
                orchestrator: {poll_interval: 200ms}
                """);
        return config;
    }

    @Test
    void dagsAreListedTestedTriggeredInspectedAndPaused() throws Exception {
        String config = config().toString();

        CliRun list = CliRun.of("dags", "list", "--config", config);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("fan").contains("flaky").contains("hourly").contains("@hourly")
                .contains("manual");
        assertThat(CliRun.of("dags", "list-import-errors", "--config", config).out()).contains("no import errors");

        CliRun tasks = CliRun.of("tasks", "list", "fan", "--config", config);
        assertThat(tasks.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList())
                .containsExactly("start", "left", "right", "join");

        CliRun test = CliRun.of("dags", "test", "fan", "--config", config);
        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains("hello from start").contains("run manual__").contains("success");
        assertThat(CliRun.of("dags", "runs", "fan", "--config", config).out()).as("test runs leave no history")
                .contains("has no runs");
        Files.delete(dir.resolve("order.txt"));

        startScheduler(config);

        CliRun trigger = CliRun.of("dags", "trigger", "fan", "--config", config, "--param", "greeting=hi", "--wait",
                "--timeout", "120");
        assertThat(trigger.exitCode()).as(trigger.out() + trigger.err() + log()).isZero();
        assertThat(trigger.out()).contains("queued run manual__").contains("join: success");
        List<String> order = Files.readAllLines(dir.resolve("order.txt"));
        assertThat(order).hasSize(4);
        assertThat(order.get(0)).isEqualTo("start");
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("left", "right");
        assertThat(order.get(3)).isEqualTo("join");

        CliRun state = CliRun.of("dags", "state", "fan", "--config", config);
        assertThat(state.out()).contains(": success").containsPattern("join\\s+success\\s+1/1");
        CliRun logs = CliRun.of("tasks", "logs", "fan", "start", "--config", config);
        assertThat(logs.out()).contains("attempt 1 success").contains("hi from start");

        CliRun failing = CliRun.of("dags", "trigger", "flaky", "--config", config, "--wait", "--timeout", "120");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).containsPattern("fail\\s+failed\\s+2/2").containsPattern("after\\s+upstream_failed")
                .contains("exited with code 3");
        CliRun failLogs = CliRun.of("tasks", "logs", "flaky", "fail", "--config", config);
        assertThat(failLogs.out()).contains("attempt 1 failed").contains("attempt 2 failed").contains("trying");

        assertThat(CliRun.of("dags", "pause", "hourly", "--config", config).out()).contains("paused");
        assertThat(CliRun.of("dags", "list", "--config", config).out()).containsPattern("hourly\\s+@hourly\\s+yes");
        assertThat(CliRun.of("dags", "unpause", "hourly", "--config", config).out()).contains("unpaused");
        assertThat(log()).contains("run manual__").contains("success");
    }

    @Test
    void aLongTaskIsCancelledFromTheCommandLine() throws Exception {
        String config = config().toString();
        Files.writeString(dir.resolve("dags/slow.yaml"), """
                id: slow
                tasks:
                  - {id: wait, type: shell, command: "sleep 300"}
                  - {id: after, type: shell, command: "true", depends_on: wait}
                """);
        startScheduler(config);
        CliRun trigger = CliRun.of("dags", "trigger", "slow", "--config", config);
        String runId = trigger.out().replaceAll("(?s).*queued run (\\S+).*", "$1");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!CliRun.of("dags", "state", "slow", runId, "--config", config).out().matches("(?s).*wait\\s+running.*")) {
            assertThat(System.nanoTime()).as(log()).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(CliRun.of("dags", "cancel", "slow", runId, "--config", config).exitCode()).isZero();
        while (!CliRun.of("dags", "state", "slow", runId, "--config", config).out().contains(": cancelled")) {
            assertThat(System.nanoTime()).as(log()).isLessThan(deadline);
            Thread.sleep(200);
        }
        CliRun state = CliRun.of("dags", "state", "slow", runId, "--config", config);
        assertThat(state.out()).containsPattern("wait\\s+cancelled").containsPattern("after\\s+cancelled");
        // the kill was sent before the run ended; the process may take a moment to be gone (and reaped)
        long killDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sleepers() > 0 && System.nanoTime() < killDeadline) {
            Thread.sleep(100);
        }
        assertThat(sleepers()).as("the shell command was killed").isZero();
    }

    /**
     * Starts {@code ferry scheduler} and waits until it has opened the store. (Opening the embedded store
     * while another process opens and closes it many times a second, as the polling below does, can keep
     * H2's lock file busy for longer than the scheduler waits; users do not poll like that.)
     */
    private void startScheduler(String config) throws Exception {
        scheduler = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "scheduler", "--config", config)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("scheduler.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!log().contains("task slot(s)")) {
            assertThat(scheduler.isAlive()).as(log()).isTrue();
            assertThat(System.nanoTime()).as("scheduler start" + log()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long sleepers() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 300")).count();
    }

    private String log() {
        try {
            return "\nscheduler log:\n" + Files.readString(dir.resolve("scheduler.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
