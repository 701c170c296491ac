package dev.ferry.core.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How many dead letters one run of a table may produce before the run ends non-zero
 * ({@code max_dead_letters}): a count of rows, or a ratio of the rows read. The default, 0, makes any dead
 * letter fail the run (after everything else was loaded), because a dead letter is a row ClickHouse does
 * not hold; a table whose bad rows are known and accepted raises its own limit.
 *
 * @param rows  the most dead letters allowed, or -1 when the limit is a ratio
 * @param ratio the largest share of the rows read (written plus dead-lettered) allowed, 0..1; unused when
 *              {@code rows >= 0}
 */
public record DeadLetterLimit(long rows, double ratio) {

    public static final DeadLetterLimit NONE_ALLOWED = new DeadLetterLimit(0, 0);

    public DeadLetterLimit {
        if (rows < -1 || ratio < 0 || ratio > 1 || Double.isNaN(ratio)) {
            throw new IllegalArgumentException("rows " + rows + ", ratio " + ratio);
        }
    }

    public static DeadLetterLimit ofRows(long rows) {
        return new DeadLetterLimit(rows, 0);
    }

    public static DeadLetterLimit ofRatio(double ratio) {
        return new DeadLetterLimit(-1, ratio);
    }

    public boolean isRatio() {
        return rows < 0;
    }

    /**
     * Whether {@code deadLetters} out of {@code rowsRead} rows break the limit.
     *
     * @param rowsRead rows the run read: written plus dead-lettered
     */
    public boolean exceededBy(long deadLetters, long rowsRead) {
        if (!isRatio()) {
            return deadLetters > rows;
        }
        return deadLetters > 0 && deadLetters > ratio * Math.max(rowsRead, deadLetters);
    }

    /** As users write it: {@code 0}, {@code 100}, {@code 1%}. */
    public String text() {
        return isRatio() ? new BigDecimal(ratio * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() + "%" : Long.toString(rows);
    }

    /** For messages: {@code 0 (any dead letter fails the run)}, {@code 100 rows}, {@code 1% of the rows read}. */
    public String describe() {
        if (isRatio()) {
            return text() + " of the rows read";
        }
        return rows == 0 ? "0 (any dead letter fails the run)" : String.format(Locale.ROOT, "%d rows", rows);
    }
}
