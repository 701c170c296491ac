package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FutureCursorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aMarkMoreThanADayAheadIsReported() {
        ColumnSpec local = new ColumnSpec("updated_at", LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"),
                false, null);
        assertThat(FutureCursor.check("shop.orders", local, "2099-01-01 00:00:00.000000", NOW)).hasValue(
                "the high-water mark of updated_at is 2099-01-01 00:00:00.000000, more than a day in the future: rows"
                        + " changed from now on get a smaller updated_at and incremental runs will not read them until"
                        + " then; correct the future values at the source (rows with updated_at > now) and reload with"
                        + " ferry sync --full --table shop.orders");
        // a wall-clock column in a zone ahead of UTC is not in the future
        assertThat(FutureCursor.check("shop.orders", local, "2024-06-02 02:00:00.000000", NOW)).isEmpty();

        ColumnSpec instant = new ColumnSpec("changed", LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 6, "timestamptz"),
                false, null);
        assertThat(FutureCursor.check("shop.orders", instant, "2024-06-02 12:00:01.000000+00:00", NOW)).isPresent();
        ColumnSpec day = new ColumnSpec("day", LogicalType.of(LogicalKind.DATE, "date"), false, null);
        assertThat(FutureCursor.check("shop.orders", day, "2024-06-02", NOW)).isEmpty();
        assertThat(FutureCursor.check("shop.orders", day, "2024-06-03", NOW)).isPresent();
        ColumnSpec id = new ColumnSpec("id", LogicalType.of(LogicalKind.INT64, "bigint"), false, null);
        assertThat(FutureCursor.check("shop.orders", id, "99999999999", NOW)).isEmpty();
    }
}
