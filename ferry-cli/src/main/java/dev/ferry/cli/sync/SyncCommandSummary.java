package dev.ferry.cli.sync;

import dev.ferry.sync.SyncReport;
import dev.ferry.sync.TableReport;
import java.util.List;

/** The table printed at the end of a sync: one line per table and a total. */
public final class SyncCommandSummary {

    private SyncCommandSummary() {
    }

    public static void print(List<SyncReport> reports) {
        System.out.printf("%n%-30s %-32s %-20s %14s %12s %9s%n", "TABLE", "TARGET", "MODE", "ROWS", "DEAD LETTERS",
                "TIME");
        for (SyncReport report : reports) {
            for (TableReport t : report.tables()) {
                System.out.printf("%-30s %-32s %-20s %14s %12s %9s%n", t.table(), t.target(), t.mode(),
                        ProgressView.format(t.rows()), ProgressView.format(t.deadLetters()),
                        ProgressView.duration(t.elapsed()));
            }
        }
        for (SyncReport report : reports) {
            for (TableReport t : report.tables()) {
                t.warnings().forEach(warning -> System.out.printf("warning: %s: %s%n", t.table(), warning));
            }
        }
        long rows = reports.stream().mapToLong(SyncReport::rows).sum();
        long dead = reports.stream().mapToLong(SyncReport::deadLetters).sum();
        long millis = reports.stream().mapToLong(r -> r.elapsed().toMillis()).sum();
        System.out.printf("synced %s rows in %s%s%n", ProgressView.format(rows),
                ProgressView.duration(java.time.Duration.ofMillis(millis)),
                dead > 0 ? "; " + ProgressView.format(dead) + " rows went to _ferry_dead_letters (see the error column)"
                        : "");
    }
}
