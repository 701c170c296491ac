package dev.ferry.orchestrator.task.types;

import dev.ferry.orchestrator.task.TaskLog;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.TableReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a sync's progress into task log lines: a line when a table starts and ends, and for long tables a
 * line now and then in between, rather than one per batch. Called from the sync's worker threads.
 */
final class SyncProgressLog implements SyncListener {

    static final Duration EVERY = Duration.ofSeconds(30);

    private final TaskLog log;
    private final Map<String, Progress> tables = new ConcurrentHashMap<>();

    private static final class Progress {
        final long expected;
        final AtomicLong rows = new AtomicLong();
        volatile long lastLoggedNanos = System.nanoTime();

        Progress(long expected) {
            this.expected = expected;
        }
    }

    SyncProgressLog(TaskLog log) {
        this.log = log;
    }

    @Override
    public void tableStarted(String table, String mode, long expectedRows) {
        tables.put(table, new Progress(expectedRows));
        log.info(table + ": " + mode + (expectedRows > 0 ? ", about " + expectedRows + " rows" : ""));
    }

    @Override
    public void rowsWritten(String table, long rows) {
        Progress progress = tables.computeIfAbsent(table, name -> new Progress(0));
        long total = progress.rows.addAndGet(rows);
        long now = System.nanoTime();
        if (now - progress.lastLoggedNanos >= EVERY.toNanos()) {
            progress.lastLoggedNanos = now;
            log.info(table + ": " + total + " rows written" + (progress.expected > 0
                    ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * total / progress.expected) : ""));
        }
    }

    @Override
    public void warning(String table, String message) {
        log.warn(table + ": " + message);
    }

    @Override
    public void tableFinished(TableReport report) {
        log.info(report.table() + " → " + report.target() + ": " + report.rows() + " rows (" + report.mode() + ")"
                + (report.deadLetters() > 0 ? ", " + report.deadLetters() + " rows to the dead-letter table" : "")
                + " in " + String.format(Locale.ROOT, "%.1f s", report.elapsed().toMillis() / 1000.0));
        if (report.deadLetters() > 0) {
            log.warn(report.table() + ": " + report.deadLetters() + " rows could not be written and are in the"
                    + " dead-letter table");
        }
    }
}
