package dev.ferry.orchestrator.task.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies one output stream of a process to the task log line by line as the lines come, on a thread of
 * its own (reading stdout and stderr in turn could deadlock once the other pipe's buffer is full), and
 * keeps the last lines for messages and outputs.
 */
final class LinePump {

    /** Longer lines are cut in the log (not in the kept tail): one line must not flood the metadata store. */
    static final int MAX_LOGGED_CHARS = 10_000;

    private final Deque<String> tail = new ArrayDeque<>();
    private final int keep;
    private final Thread thread;

    private LinePump(InputStream stream, int keep, Consumer<String> log) {
        this.keep = keep;
        // a virtual thread: a background process that keeps the pipe open must not keep the JVM up
        this.thread = Thread.ofVirtual().name("task-output").start(() -> pump(stream, log));
    }

    /** @param keep how many of the last non-blank lines to keep */
    static LinePump start(InputStream stream, int keep, Consumer<String> log) {
        return new LinePump(stream, keep, log);
    }

    private void pump(InputStream stream, Consumer<String> log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    log.accept(line.length() <= MAX_LOGGED_CHARS ? line
                            : line.substring(0, MAX_LOGGED_CHARS) + "... (" + line.length() + " characters)");
                } catch (RuntimeException unlogged) {
                    // keep draining: a reader that stops leaves the command blocked on a full pipe
                }
                if (!line.isBlank()) {
                    synchronized (tail) {
                        tail.addLast(line.length() <= MAX_LOGGED_CHARS ? line : line.substring(0, MAX_LOGGED_CHARS));
                        if (tail.size() > keep) {
                            tail.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException closed) {
            // the process ended or was destroyed; what was read is kept
        }
    }

    /** Waits for the stream to end; false when it is still open after {@code wait} (a background child holds it). */
    boolean finish(Duration wait) throws InterruptedException {
        return thread.join(wait);
    }

    List<String> tail() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }
}
