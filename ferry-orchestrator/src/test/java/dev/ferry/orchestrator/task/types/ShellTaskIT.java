package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (bash, sleep); an integration test because it starts and kills them. */
class ShellTaskIT {

    @TempDir
    Path dir;

    private final ShellTask shell = new ShellTask();
    private final RecordingLog log = new RecordingLog();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private TaskContext context() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ds", "2026-01-31");
        values.put("params", Map.of("limit", 5));
        return new TaskContext("dag", "run-1", "load", 2, Instant.parse("2026-01-31T00:00:00Z"), values, log,
                name -> {
                    throw new FerryException("no connections in this test");
                }, Optional.empty(), dir, cancelled::get);
    }

    @Test
    void outputJsonHandsTheLastLineOnAndOutputIsLoggedAsItComes() throws Exception {
        ShellSettings settings = DagText.settings(dir, "limit: 5", """
                type: shell
                command: |
                  echo "loading {{ ds }} for $FERRY_DAG_ID try $FERRY_TRY_NUMBER"
                  echo "a warning" >&2
                  echo '{"rows": {{ params.limit }}, "day": "{{ ds }}", "mode": "'$MODE'"}'
                env: {MODE: fast}
                output: json
                """);
        Map<String, Object> output = shell.run(settings, context());
        assertThat(output).isEqualTo(Map.of("rows", 5, "day", "2026-01-31", "mode", "fast"));
        assertThat(log.lines()).contains("INFO loading 2026-01-31 for dag try 2", "INFO [stderr] a warning",
                "INFO exit code 0");
    }

    @Test
    void argsRunWithoutAShellInTheirFolder() throws Exception {
        Files.createDirectory(dir.resolve("scripts"));
        ShellSettings settings = DagText.settings(dir, "type: shell\nargs: [pwd]\ncwd: scripts");
        assertThat(shell.run(settings, context())).isEqualTo(Map.of("exit_code", 0,
                "stdout_tail", dir.resolve("scripts").toRealPath().toString()));
        ShellSettings literal = DagText.settings(dir, "type: shell\nargs: [echo, '$HOME; no shell here']");
        assertThat(shell.run(literal, context())).containsEntry("stdout_tail", "$HOME; no shell here");
    }

    @Test
    void aNonZeroExitFailsWithTheCodeAndTheEndOfStderr() {
        ShellSettings settings = DagText.settings(dir, """
                type: shell
                command: |
                  for i in $(seq 1 30); do echo "line $i" >&2; done
                  exit 3
                """);
        assertThatThrownBy(() -> shell.run(settings, context())).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("command exited with code 3; last lines of stderr:\nline 11\n")
                .hasMessageEndingWith("line 30").hasMessageNotContaining("line 10\n");

        ShellSettings notJson = DagText.settings(dir, "type: shell\ncommand: echo done\noutput: json");
        assertThatThrownBy(() -> shell.run(notJson, context())).isInstanceOf(TaskFailure.class)
                .hasMessage("output: json expects the last line of stdout to be a JSON object such as {\"rows\": 5},"
                        + " got: done");
    }

    @Test
    void anInterruptEndsTheCommandAndTheProcessesItStarted() throws Exception {
        ShellSettings settings = DagText.settings(dir, "type: shell\n"
                + "command: sleep 100 & echo $! > child.pid; wait");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                shell.run(settings, context());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        long child = awaitPid(dir.resolve("child.pid"));
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        worker.interrupt();
        worker.join(15_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(FerryException.class)
                .hasMessage("command stopped: the task timed out or its run was cancelled");
        assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("the sleep child").isEmpty();
        assertThat(log.text()).contains("WARN stopped: ended the command and 1 processes it had started");
    }

    @Test
    void aCancelledRunWithoutInterruptAlsoStopsTheCommand() throws Exception {
        ShellSettings settings = DagText.settings(dir, "type: shell\ncommand: echo $$ > shell.pid; sleep 100; echo no");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                shell.run(settings, context());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        long bash = awaitPid(dir.resolve("shell.pid"));
        cancelled.set(true);
        worker.join(15_000);
        assertThat(failure.get()).hasMessage("command stopped: the task timed out or its run was cancelled");
        assertThat(ProcessHandle.of(bash).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(log.text()).doesNotContain("INFO no");
    }

    private static long awaitPid(Path file) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).strip());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " was not written");
    }
}
