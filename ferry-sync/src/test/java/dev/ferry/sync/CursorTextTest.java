package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.schema.LogicalKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CursorTextTest {

    @Test
    void readsMarksInFerrysFormAndInTheServersOwn() {
        LocalDateTime five = LocalDateTime.of(2024, 1, 1, 0, 0, 5);
        assertThat(CursorText.parse("2024-01-01 00:00:05.000000", LogicalKind.TIMESTAMP)).isEqualTo(five);
        assertThat(CursorText.parse("2024-01-01 00:00:05", LogicalKind.TIMESTAMP)).isEqualTo(five);
        assertThat(CursorText.parse("2024-01-01 00:00:05.0", LogicalKind.TIMESTAMP)).isEqualTo(five);
        Instant instant = Instant.parse("2024-01-01T00:00:05.25Z");
        assertThat(CursorText.parse("2024-01-01 00:00:05.250000+00:00", LogicalKind.TIMESTAMP_TZ)).isEqualTo(instant);
        assertThat(CursorText.parse("2024-01-01 00:00:05.25+00", LogicalKind.TIMESTAMP_TZ)).isEqualTo(instant);
        assertThat(CursorText.parse("2024-01-01 02:00:05.25+02", LogicalKind.TIMESTAMP_TZ)).isEqualTo(instant);
        assertThat(CursorText.parse("2024-01-01 05:30:05.25+05:30", LogicalKind.TIMESTAMP_TZ)).isEqualTo(instant);
        // MySQL TIMESTAMP read in a UTC session has no offset
        assertThat(CursorText.parse("2024-01-01 00:00:05.25", LogicalKind.TIMESTAMP_TZ)).isEqualTo(instant);
        assertThat(CursorText.parse("2024-01-01", LogicalKind.DATE)).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(CursorText.parse("18446744073709551615", LogicalKind.UINT64))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(CursorText.parse("infinity", LogicalKind.TIMESTAMP)).isNull();
        assertThat(CursorText.parse("01HQ3", LogicalKind.STRING)).isNull();
    }

    @Test
    void writesUnsignedBigintsUnsigned() {
        assertThat(CursorText.of(-1L, LogicalKind.UINT64)).isEqualTo("18446744073709551615");
        assertThat(CursorText.of(-1L, LogicalKind.INT64)).isEqualTo("-1");
        assertThat(CursorText.of(Instant.parse("2024-01-01T00:00:05Z"), LogicalKind.TIMESTAMP_TZ))
                .isEqualTo("2024-01-01 00:00:05.000000+00:00");
    }

    @Test
    void theMarkNeverMovesBack() {
        String mark = "2024-01-01 00:00:10.000000";
        // a re-read row behind the mark (its row at the mark was deleted, or moved back)
        assertThat(CursorText.advance(mark, LocalDateTime.of(2024, 1, 1, 0, 0, 9), LogicalKind.TIMESTAMP))
                .isEqualTo(mark);
        assertThat(CursorText.advance(mark, LocalDateTime.of(2024, 1, 1, 0, 0, 11), LogicalKind.TIMESTAMP))
                .isEqualTo("2024-01-01 00:00:11.000000");
        // the server's own text of an older snapshot mark compares by value, not as text
        assertThat(CursorText.advance("2024-01-01 00:00:10+00", Instant.parse("2024-01-01T00:00:09.5Z"),
                LogicalKind.TIMESTAMP_TZ)).isEqualTo("2024-01-01 00:00:10+00");
        assertThat(CursorText.advance("900", 95L, LogicalKind.INT64)).isEqualTo("900");
        assertThat(CursorText.advance("900", 1000L, LogicalKind.INT64)).isEqualTo("1000");
        assertThat(CursorText.advance(null, 5L, LogicalKind.INT64)).isEqualTo("5");
        assertThat(CursorText.advance("7", null, LogicalKind.INT64)).isEqualTo("7");
        // text cursors are read with >= only, in the server's order: the last row read is the greatest
        assertThat(CursorText.advance("b", "c", LogicalKind.STRING)).isEqualTo("c");
    }

    /** infinity, BC and far-future values (kept whole in text columns) never become the mark. */
    @Test
    void valuesOutsideTheYears1To9999NeverBecomeTheMark() {
        String mark = "2024-01-01 00:00:05.000000";
        assertThat(CursorText.advance(mark, LocalDateTime.MAX, LogicalKind.TIMESTAMP)).isEqualTo(mark);
        assertThat(CursorText.advance(mark, LocalDateTime.of(-43, 3, 15, 0, 0), LogicalKind.TIMESTAMP)).isEqualTo(mark);
        assertThat(CursorText.advance("2024-01-01", LocalDate.of(21016, 11, 4), LogicalKind.DATE)).isEqualTo("2024-01-01");
        assertThat(CursorText.advance(null, Instant.MAX, LogicalKind.TIMESTAMP_TZ)).isNull();
        assertThat(CursorText.advance(mark, LocalDateTime.of(2024, 1, 2, 0, 0), LogicalKind.TIMESTAMP))
                .isEqualTo("2024-01-02 00:00:00.000000");
    }
}
