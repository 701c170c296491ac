package dev.ferry.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry} commands as child processes of the test ({@code target/ferry.jar}), each with its output in a
 * log file: killed with SIGKILL at the test's chosen moment, or stopped with SIGTERM, after which a clean stop
 * must exit 0.
 */
final class FerryProcesses implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private int runs;

    FerryProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code ferry <args>}; its output goes to {@code <name>-<n>.log}. */
    Run start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", Path.of("target", "ferry.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + "-" + ++runs + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        return new Run(process, log);
    }

    /** A started process and its output. */
    record Run(Process process, Path log) {

        /** SIGKILL: no shutdown hook, nothing flushed or committed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        }

        /** SIGTERM, as a service manager stops it: must end cleanly with exit code 0. */
        void stopCleanly() throws Exception {
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s:%n%s", output()).isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM; output:%n%s", output()).isZero();
        }

        String output() throws IOException {
            String text = Files.exists(log) ? Files.readString(log) : "(no output)";
            return text.substring(Math.max(0, text.length() - 12_000));
        }

        void assertAlive() throws IOException {
            assertThat(process.isAlive()).as("ferry is still running; output:%n%s", output()).isTrue();
        }
    }

    /** Waits for {@code condition} (errors count as not yet), at most {@code timeout}; fails with the run's output. */
    static void await(String what, Duration timeout, Run run, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e instanceof Exception ex ? ex : new IllegalStateException(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : " (last error: " + last + ")")
                + "; output:\n" + (run == null ? "" : run.output()));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
