package dev.ferry.sync;

import dev.ferry.core.config.DeadLetterLimit;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of one table in one run.
 *
 * @param mode           {@code snapshot}, {@code snapshot (resumed)} or {@code incremental}
 * @param target         {@code database.table} in ClickHouse
 * @param rows           rows written to ClickHouse
 * @param deadLetters    rows sent to the dead-letter table instead
 * @param maxDeadLetters the table's {@code max_dead_letters}, which this run's dead letters are held against
 * @param warnings       what the user must know about the table's data (also given to the listener as it happened)
 */
public record TableReport(String table, String target, String mode, long rows, long deadLetters, Duration elapsed,
        DeadLetterLimit maxDeadLetters, List<String> warnings) {

    public TableReport {
        Objects.requireNonNull(maxDeadLetters, "maxDeadLetters");
        warnings = List.copyOf(warnings);
    }

    /** A report held against the default limit (no dead letters), without warnings. */
    public TableReport(String table, String target, String mode, long rows, long deadLetters, Duration elapsed) {
        this(table, target, mode, rows, deadLetters, elapsed, DeadLetterLimit.NONE_ALLOWED, List.of());
    }

    /** Rows the run read from the source: written plus dead-lettered. */
    public long rowsRead() {
        return rows + deadLetters;
    }

    public boolean deadLettersOverLimit() {
        return maxDeadLetters.exceededBy(deadLetters, rowsRead());
    }

    /** The ClickHouse database of the target, which holds the {@code _ferry_dead_letters} table too. */
    public String targetDatabase() {
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }
}
