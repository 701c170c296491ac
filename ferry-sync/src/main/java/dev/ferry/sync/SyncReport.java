package dev.ferry.sync;

import java.time.Duration;
import java.util.List;

/** Outcome of a pipeline run: one report per table. */
public record SyncReport(String pipeline, List<TableReport> tables, Duration elapsed) {

    public SyncReport {
        tables = List.copyOf(tables);
    }

    public long rows() {
        return tables.stream().mapToLong(TableReport::rows).sum();
    }

    public long deadLetters() {
        return tables.stream().mapToLong(TableReport::deadLetters).sum();
    }

    /** Tables whose dead letters exceed their {@code max_dead_letters}: the run must not end as a success. */
    public List<TableReport> overDeadLetterLimit() {
        return tables.stream().filter(TableReport::deadLettersOverLimit).toList();
    }
}
