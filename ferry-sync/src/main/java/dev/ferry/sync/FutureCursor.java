package dev.ferry.sync;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A date/time high-water mark in the future (a mistyped year, a "valid until" column used as cursor) hides
 * every change made until then: rows changed now get a smaller cursor value than the mark. That cannot be
 * repaired by Ferry, only said. Columns without a zone may hold any zone's wall-clock time, so only marks
 * more than a day ahead of UTC are reported.
 */
final class FutureCursor {

    private static final Duration TOLERANCE = Duration.ofDays(1);

    private FutureCursor() {
    }

    static Optional<String> check(String table, ColumnSpec cursor, String mark, Clock clock) {
        LogicalKind kind = cursor.type().kind();
        Object value = CursorText.parse(mark, kind);
        Instant limit = clock.instant().plus(TOLERANCE);
        boolean future = switch (value) {
            case LocalDateTime local -> local.isAfter(LocalDateTime.ofInstant(limit, ZoneOffset.UTC));
            case Instant instant -> instant.isAfter(limit);
            case LocalDate date -> date.isAfter(LocalDate.ofInstant(limit, ZoneOffset.UTC));
            case null, default -> false;
        };
        if (!future) {
            return Optional.empty();
        }
        String column = cursor.name();
        return Optional.of("the high-water mark of " + column + " is " + mark + ", more than a day in the future:"
                + " rows changed from now on get a smaller " + column + " and incremental runs will not read them"
                + " until then; correct the future values at the source (rows with " + column + " > now) and reload"
                + " with ferry sync --full --table " + table);
    }
}
