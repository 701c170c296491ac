package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starting, checking and stopping server processes that outlive the Ferry command that started them. */
final class Processes {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Processes() {
    }

    static boolean runningAsRoot() {
        return ROOT;
    }

    /**
     * Starts a server detached from Ferry's terminal and process group ({@code setsid}), so that Ctrl-C in
     * the shell or the end of a test JVM does not take the server down with it.
     */
    static Process spawnDetached(List<String> command, Path logFile) {
        List<String> full = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            full.add(setsid.toString());
        }
        full.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            return new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new FerryException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion; returns its combined output, or fails with that output. */
    static String run(List<String> command, Duration timeout, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FerryException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new FerryException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                        + lastMeaningfulLine(text));
            }
            return text;
        } catch (IOException e) {
            throw new FerryException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted while running " + command.get(0), e);
        }
    }

    /** Prefix that runs a command as {@code user} when Ferry runs as root (servers refuse to run as root). */
    static List<String> asUser(String user, List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        full.addAll(command);
        return full;
    }

    static boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * True when {@code pid} is alive and its command line mentions {@code marker} (its data directory or
     * config file): guards against signalling an unrelated process that reused a recorded pid.
     */
    static boolean isOurs(long pid, String marker) {
        if (!isAlive(pid)) {
            return false;
        }
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            String text = Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
            return text.contains(marker);
        } catch (IOException e) {
            // Without /proc we cannot check; the pid came from the server's own pid file, so trust it.
            return true;
        }
    }

    /** SIGTERM, wait, then SIGKILL if the process ignores it. */
    static void terminate(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        handle.get().destroy();
        if (!waitForExit(pid, grace)) {
            handle.get().destroyForcibly();
            waitForExit(pid, Duration.ofSeconds(10));
        }
    }

    static boolean waitForExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(100));
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", e);
        }
    }

    static Optional<Long> readPidFile(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String lastMeaningfulLine(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "(no output)";
    }
}
