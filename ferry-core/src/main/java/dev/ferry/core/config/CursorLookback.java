package dev.ferry.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How far behind its high-water mark an incremental run starts reading again ({@code cursor_lookback}).
 * Incremental runs always read {@code cursor >= mark - lookback}: the {@code >=} re-reads the rows that
 * share the mark's value (a one-second DATETIME holds many), the lookback catches rows whose transactions
 * committed after a run although their cursor value is below its mark. Re-read rows become new versions of
 * the same keys, so they cost work, never duplicates.
 */
public sealed interface CursorLookback {

    /** The default: derived from the cursor column (its precision plus {@link #COMMIT_ALLOWANCE}). */
    CursorLookback AUTO = new Auto();

    /**
     * The time a transaction may take from setting a row's cursor value to committing, which the
     * {@code auto} lookback of a date/time cursor covers on top of the column's precision. A minute covers
     * ordinary transactions and most batch jobs, and re-reads only the rows changed in the minute before the
     * mark.
     */
    Duration COMMIT_ALLOWANCE = Duration.ofMinutes(1);

    /**
     * The {@code auto} lookback of a numeric cursor, in cursor units: for an auto-increment id, inserts
     * that commit late while fewer than this many later ids were handed out are still read, at the price of
     * re-reading up to that many rows per run.
     */
    BigDecimal NUMERIC_ALLOWANCE = BigDecimal.valueOf(1000);

    /** As users write it: {@code auto}, {@code 5m}, {@code 1000}. */
    String text();

    /** Re-read what the cursor column's type needs; see {@link #COMMIT_ALLOWANCE}, {@link #NUMERIC_ALLOWANCE}. */
    record Auto() implements CursorLookback {
        @Override
        public String text() {
            return "auto";
        }
    }

    /** A time span, for date and time cursors ({@code 30s}, {@code 5m}; {@code 0s} re-reads only the mark). */
    record Span(Duration duration) implements CursorLookback {
        public Span {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public String text() {
            long millis = duration.toMillis();
            for (var unit : new Object[][] {{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
                long size = (Long) unit[0];
                if (millis != 0 && millis % size == 0) {
                    return millis / size + (String) unit[1];
                }
            }
            return millis == 0 ? "0s" : millis + "ms";
        }
    }

    /** A number of cursor units, for numeric cursors ({@code 1000}; {@code 0} re-reads only the mark). */
    record Units(BigDecimal amount) implements CursorLookback {
        public Units {
            Objects.requireNonNull(amount, "amount");
        }

        public boolean isZero() {
            return amount.signum() == 0;
        }

        @Override
        public String text() {
            return amount.toPlainString();
        }
    }
}
