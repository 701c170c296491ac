package dev.ferry.cli.sync;

import dev.ferry.sync.SyncListener;
import dev.ferry.sync.TableReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows sync progress: on a terminal, one redrawn line per table (bar, rows, rows/s, ETA); elsewhere
 * (logs, CI) a plain line when a table starts, every 10 seconds, and when it ends.
 */
public final class ProgressView implements SyncListener, AutoCloseable {

    private static final class Table {
        final String mode;
        final long expected;
        final long started = System.nanoTime();
        final AtomicLong rows = new AtomicLong();
        volatile TableReport finished;

        Table(String mode, long expected) {
            this.mode = mode;
            this.expected = expected;
        }
    }

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ferry-progress");
        thread.setDaemon(true);
        return thread;
    });
    private int drawnLines;

    public ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        ticker.scheduleAtFixedRate(this::tick, terminal ? 500 : 10_000, terminal ? 500 : 10_000, TimeUnit.MILLISECONDS);
    }

    public static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public synchronized void tableStarted(String table, String mode, long expectedRows) {
        tables.put(table, new Table(mode, expectedRows));
        if (!terminal) {
            out.printf("%s: %s started%s%n", table, mode, expectedRows > 0 ? ", " + format(expectedRows) + " rows" : "");
        }
    }

    @Override
    public void rowsWritten(String table, long rows) {
        Table t;
        synchronized (this) {
            t = tables.get(table);
        }
        if (t != null) {
            t.rows.addAndGet(rows);
        }
    }

    @Override
    public synchronized void tableFinished(TableReport report) {
        Table t = tables.get(report.table());
        if (t != null) {
            t.finished = report;
        }
        if (!terminal) {
            out.printf("%s: %s done, %s rows in %s%s%n", report.table(), report.mode(), format(report.rows()),
                    duration(report.elapsed()), report.deadLetters() > 0
                            ? ", " + format(report.deadLetters()) + " rows to dead letters" : "");
        } else {
            redraw();
        }
    }

    /** Printed above the progress lines (which are redrawn below it), and again in the summary. */
    @Override
    public synchronized void warning(String table, String message) {
        if (terminal && drawnLines > 0) {
            out.print("\033[" + drawnLines + "F\033[J");
            drawnLines = 0;
        }
        out.printf("warning: %s: %s%n", table, message);
        if (terminal) {
            redraw();
        }
    }

    private synchronized void tick() {
        if (terminal) {
            redraw();
            return;
        }
        tables.forEach((name, t) -> {
            if (t.finished == null) {
                out.printf("%s: %s rows (%s rows/s)%n", name, format(t.rows.get()), format(rate(t)));
            }
        });
    }

    private void redraw() {
        if (drawnLines > 0) {
            out.print("\033[" + drawnLines + "F");
        }
        tables.forEach((name, t) -> out.print("\033[2K" + line(name, t) + "\n"));
        drawnLines = tables.size();
        out.flush();
    }

    private static String line(String name, Table t) {
        long rows = t.finished != null ? t.finished.rows() : t.rows.get();
        double fraction = t.finished != null ? 1.0 : t.expected > 0 ? Math.min(1.0, (double) rows / t.expected) : 0;
        int filled = (int) Math.round(fraction * 24);
        String bar = "[" + "#".repeat(filled) + "-".repeat(24 - filled) + "]";
        long rate = rate(t);
        String eta = t.finished != null ? "done" : t.expected > rows && rate > 0
                ? "ETA " + duration(Duration.ofSeconds((t.expected - rows) / rate)) : "";
        return String.format(Locale.ROOT, "%-28s %s %3d%% %12s rows %10s rows/s  %s", name, bar,
                Math.round(fraction * 100), format(rows), format(rate), eta);
    }

    private static long rate(Table t) {
        TableReport done = t.finished;
        if (done != null) {
            long millis = Math.max(1, done.elapsed().toMillis());
            return done.rows() * 1000 / millis;
        }
        double seconds = (System.nanoTime() - t.started) / 1e9;
        return seconds < 0.001 ? 0 : (long) (t.rows.get() / seconds);
    }

    public static String format(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        if (terminal) {
            redraw();
        }
    }
}
