package dev.ferry.sync;

import java.time.Duration;

/**
 * Outcome of one table in one run.
 *
 * @param mode        {@code snapshot}, {@code snapshot (resumed)} or {@code incremental}
 * @param rows        rows written to ClickHouse
 * @param deadLetters rows sent to the dead-letter table instead
 */
public record TableReport(String table, String target, String mode, long rows, long deadLetters, Duration elapsed) {
}
