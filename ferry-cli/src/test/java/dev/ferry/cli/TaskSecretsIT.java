package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets of the config and shell tasks, end to end: a {@code ferry scheduler} process started with a password
 * in its environment (as {@code ${env:...}} configs are run) runs shell tasks that try to print it, directly,
 * under another variable name and read from a file; nothing of it may reach the stored task logs, outputs,
 * errors, the store's file on disk or what the processes print.
 */
@FerryIntegrationTest
class TaskSecretsIT {

    private static final String DB_PASSWORD = "pw-" + UUID.randomUUID();
    private static final String FILE_PASSWORD = "fp-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private Process scheduler;

    @AfterEach
    void stopScheduler() throws InterruptedException {
        if (scheduler != null && scheduler.isAlive()) {
            scheduler.destroy();
            if (!scheduler.waitFor(20, TimeUnit.SECONDS)) {
                scheduler.destroyForcibly();
            }
        }
    }

    @Test
    void secretsReachNeitherChildEnvironmentsNorStoredLogsOutputsErrorsOrTheStoreFile() throws Exception {
        Files.createDirectories(dir.resolve("dags"));
        Files.writeString(dir.resolve("other.password"), FILE_PASSWORD + "\n");
        Files.writeString(dir.resolve("ferry.yaml"), """
                connections:
                  source: {type: postgresql, host: 127.0.0.1, port: 5432, database: app, user: app,
                           password: "${env:FERRY_IT_DB_PASSWORD}"}
                  other: {type: postgresql, host: 127.0.0.1, port: 5432, database: app, user: app,
                          password: "${file:other.password}"}
                pipelines: []
                orchestrator: {poll_interval: 200ms}
                """);
        Files.writeString(dir.resolve("dags/leak.yaml"), """
                id: leak
                tasks:
                  - id: environment
                    type: shell
                    command: |
                      echo "direct=[$FERRY_IT_DB_PASSWORD] alias=[$FERRY_IT_ALIAS] master=[$FERRY_MASTER_KEY]"
                      echo "visible=[$FERRY_IT_VISIBLE]"
                      env
                  - id: printed
                    type: shell
                    output: json
                    command: |
                      echo "from the file: $(cat other.password)"
                      echo "{\\"pw\\": \\"$(cat other.password)\\"}"
                  - id: failing
                    type: shell
                    command: echo "refused $(cat other.password)" >&2; exit 1
                """);
        startScheduler();
        Run trigger = ferry("dags", "trigger", "leak", "--wait", "--timeout", "120");
        assertThat(trigger.out()).as(trigger.out() + schedulerLog()).contains("environment: success")
                .contains("printed: success").contains("failing: failed");
        Run logs = ferry("tasks", "logs", "leak", "environment");
        assertThat(logs.out()).contains("direct=[] alias=[] master=[]").contains("visible=[shown]");
        Run printed = ferry("tasks", "logs", "leak", "printed");
        assertThat(printed.out()).contains("from the file: ***").contains("{\"pw\":\"***\"}");
        Run failing = ferry("tasks", "logs", "leak", "failing");
        assertThat(failing.out()).contains("refused ***");
        Run state = ferry("dags", "state", "leak");
        for (String text : List.of(trigger.out(), logs.out(), printed.out(), failing.out(), state.out(),
                schedulerLog())) {
            assertThat(text).doesNotContain(DB_PASSWORD).doesNotContain(FILE_PASSWORD);
        }
        stopScheduler();
        // the store's file holds what was stored in plain text: no secret may be in it; and it is the owner's
        try (Stream<Path> paths = Files.walk(dir.resolve(".ferry/state"))) {
            for (Path path : paths.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
                if (Files.isRegularFile(path)) {
                    String content = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(path.toString()).doesNotContain(DB_PASSWORD)
                            .doesNotContain(FILE_PASSWORD);
                }
            }
        }
    }

    private record Run(int exitCode, String out) {
    }

    private ProcessBuilder ferryProcess(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", Path.of("target", "ferry.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", dir.resolve("ferry.yaml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("FERRY_IT_DB_PASSWORD", DB_PASSWORD);
        env.put("FERRY_IT_ALIAS", DB_PASSWORD);
        env.put("FERRY_IT_VISIBLE", "shown");
        return builder;
    }

    private Run ferry(String... args) throws IOException, InterruptedException {
        Process process = ferryProcess(args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private void startScheduler() throws Exception {
        scheduler = ferryProcess("scheduler").redirectOutput(dir.resolve("scheduler.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!schedulerLog().contains("task slot(s)")) {
            assertThat(scheduler.isAlive()).as(schedulerLog()).isTrue();
            assertThat(System.nanoTime()).as("scheduler start" + schedulerLog()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String schedulerLog() {
        try {
            return Files.readString(dir.resolve("scheduler.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
