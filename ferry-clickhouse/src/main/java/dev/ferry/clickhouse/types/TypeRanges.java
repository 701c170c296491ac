package dev.ferry.clickhouse.types;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.core.schema.TemporalRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates and times each ClickHouse type holds on a given server: what {@link ValueConverters} accepts and
 * what {@link ChTypes#narrowest} compares a column's values with. One place, so that the type chosen for a
 * column and the values written into it can never disagree.
 */
public final class TypeRanges {

    /*
     * Date and DateTime store 2 and 4 unsigned bytes (up to 2149-06-06 and 2106-02-07 06:28:15), but 18.x
     * prints and computes them only up to the end of its date table (2106-02-07): a later value is kept yet
     * reads back as 1970-01-01. Ferry accepts what every supported server shows correctly.
     */
    private static final LocalDate DATE_MAX = LocalDate.of(2106, 2, 7);
    private static final TemporalRange DATE = new TemporalRange(Instant.EPOCH, midnight(DATE_MAX));
    private static final TemporalRange DATETIME = new TemporalRange(Instant.EPOCH, midnight(DATE_MAX).minusSeconds(1));

    private TypeRanges() {
    }

    /** The values {@code type} (or, for arrays, its elements) holds; everything for text and non-temporal types. */
    public static TemporalRange of(ChType type, ServerCapabilities caps) {
        ServerCapabilities.WideDates wide = caps.wideDates();
        return switch (type.kind()) {
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            case DATE32 -> new TemporalRange(midnight(wide.first()), midnight(wide.last()));
            case DATETIME64 -> new TemporalRange(midnight(wide.first()),
                    midnight(wide.last().plusDays(1)).minusNanos(1));
            case ARRAY -> of(type.element(), caps);
            default -> TemporalRange.ALL;
        };
    }

    /** The range as users read it in messages and docs, e.g. {@code 1970-01-01..2106-02-07}. */
    public static String describe(ChType type, ServerCapabilities caps) {
        ServerCapabilities.WideDates wide = caps.wideDates();
        return switch (type.kind()) {
            case DATE -> "1970-01-01.." + DATE_MAX;
            case DATETIME -> "1970-01-01 00:00:00.." + DATE_MAX.minusDays(1) + " 23:59:59 UTC";
            case DATE32 -> wide.first() + ".." + wide.last();
            case DATETIME64 -> wide.first() + " 00:00:00.." + wide.last() + " 23:59:59 UTC";
            case ARRAY -> describe(type.element(), caps);
            default -> "any";
        };
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
