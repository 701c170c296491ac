package dev.ferry.core.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The Java form of date and time values while they travel through Ferry, and the point on the time line
 * each stands for.
 *
 * <ul>
 *   <li>Dates and times use the proleptic ISO calendar, so PostgreSQL's BC dates are years of zero and below:
 *       {@code 0001-01-01 BC} is year 0, {@code 0044-03-15 BC} is year -43 (ISO 8601's numbering).</li>
 *   <li>PostgreSQL's {@code infinity} and {@code -infinity} are the largest and smallest value of each class
 *       ({@link LocalDate#MAX}, {@link LocalDateTime#MIN}, {@link Instant#MAX}, …). No source holds a real value
 *       that far out (PostgreSQL ends in the year 294276, MySQL in 9999), so they cannot be confused.</li>
 * </ul>
 */
public final class Temporals {

    private Temporals() {
    }

    /** {@code infinity} or {@code -infinity} for PostgreSQL's special values, else null. */
    public static String infinityText(Object value) {
        if (value.equals(LocalDate.MAX) || value.equals(LocalDateTime.MAX) || value.equals(Instant.MAX)) {
            return "infinity";
        }
        if (value.equals(LocalDate.MIN) || value.equals(LocalDateTime.MIN) || value.equals(Instant.MIN)) {
            return "-infinity";
        }
        return null;
    }

    /**
     * The point on the time line: a date at midnight UTC, a wall-clock time as if in UTC (which is how Ferry
     * stores it), an instant as itself; infinities become {@link Instant#MAX} and {@link Instant#MIN}.
     */
    public static Instant instant(Object value) {
        String infinity = infinityText(value);
        if (infinity != null) {
            return infinity.startsWith("-") ? Instant.MIN : Instant.MAX;
        }
        return switch (value) {
            case LocalDate date -> date.atStartOfDay().toInstant(ZoneOffset.UTC);
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case Instant instant -> instant;
            default -> throw new IllegalArgumentException("not a date or time: " + value.getClass().getName());
        };
    }
}
