package dev.ferry.core.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * The earliest and latest value of a date/time column (or of the values a target type can hold), as points
 * on the time line ({@link Temporals#instant}). A column without values has the {@link #EMPTY} range, which
 * fits every type; a column whose values cannot all be read has the {@link #ALL} range, which only text
 * holds.
 */
public record TemporalRange(Instant min, Instant max) {

    /** No values at all (an empty table, or only NULLs). */
    public static final TemporalRange EMPTY = new TemporalRange(Instant.MAX, Instant.MIN);

    /** Everything, infinities included. */
    public static final TemporalRange ALL = new TemporalRange(Instant.MIN, Instant.MAX);

    public TemporalRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /** The range from two values of a temporal kind (LocalDate, LocalDateTime, Instant); nulls mean no values. */
    public static TemporalRange of(Object min, Object max) {
        if (min == null || max == null) {
            return EMPTY;
        }
        return new TemporalRange(Temporals.instant(min), Temporals.instant(max));
    }

    public boolean isEmpty() {
        return min.isAfter(max);
    }

    /** Whether every value of this range lies in {@code bounds}. */
    public boolean within(TemporalRange bounds) {
        return isEmpty() || (!min.isBefore(bounds.min) && !max.isAfter(bounds.max));
    }

    /** The smallest range holding both. */
    public TemporalRange union(TemporalRange other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        return new TemporalRange(min.isBefore(other.min) ? min : other.min, max.isAfter(other.max) ? max : other.max);
    }

    @Override
    public String toString() {
        return isEmpty() ? "(no values)" : text(min) + ".." + text(max);
    }

    private static String text(Instant point) {
        return point.equals(Instant.MIN) ? "-infinity" : point.equals(Instant.MAX) ? "infinity" : point.toString();
    }
}
