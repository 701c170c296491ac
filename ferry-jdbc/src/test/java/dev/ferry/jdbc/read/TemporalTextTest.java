package dev.ferry.jdbc.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path must agree with the strict formatter on every shape the sources send. */
class TemporalTextTest {

    @Test
    void fastPathAgreesWithTheFormatter() {
        for (String text : List.of("2024-01-02 03:04:05", "2024-02-29 23:59:59.5", "1999-12-31 00:00:00.123456",
                "2106-02-07 06:28:15.000000001", "0001-01-01 00:00:00")) {
            assertThat(FastTemporal.localDateTime(text)).as(text)
                    .isEqualTo(LocalDateTime.parse(text, TemporalText.LOCAL));
            assertThat(TemporalText.timestamp(text)).isEqualTo(LocalDateTime.parse(text, TemporalText.LOCAL));
        }
    }

    @Test
    void offsetsAreAppliedToInstants() {
        assertThat(TemporalText.instant("2024-07-01 12:00:00.5+02")).isEqualTo(Instant.parse("2024-07-01T10:00:00.5Z"));
        assertThat(TemporalText.instant("2024-07-01 12:00:00+00")).isEqualTo(Instant.parse("2024-07-01T12:00:00Z"));
        assertThat(TemporalText.instant("2024-07-01 12:00:00-05:30")).isEqualTo(Instant.parse("2024-07-01T17:30:00Z"));
        assertThat(TemporalText.instant("2024-07-01 12:00:00")).isEqualTo(Instant.parse("2024-07-01T12:00:00Z"));
        // seconds in the offset are rare (historic zones): the formatter handles them
        assertThat(FastTemporal.utcDateTime("1900-01-01 00:00:00+01:02:03")).isNull();
    }

    @Test
    void impossibleDatesAreRefused() {
        assertThatThrownBy(() -> TemporalText.timestamp("2024-02-30 00:00:00")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> TemporalText.date("2024-00-10")).isInstanceOf(DateTimeException.class);
        // 1 AD was no leap year; 1 BC (ISO year 0) was
        assertThatThrownBy(() -> TemporalText.date("0001-02-29")).isInstanceOf(DateTimeException.class);
        assertThat(TemporalText.timestamp("0000-00-00 00:00:00")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(FastTemporal.localDateTime("2024-01-02T03:04:05")).isNull();
        assertThat(TemporalText.instant("2024-01-02 03:04:05.25+00").atOffset(ZoneOffset.UTC).getNano())
                .isEqualTo(250_000_000);
    }

    /** PostgreSQL's own extremes (its docs' type limits; the values Debezium's connector tests insert). */
    @Test
    void postgresBcDatesLargeYearsAndInfinitiesAreRead() {
        assertThat(TemporalText.date("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
        assertThat(TemporalText.date("0001-02-29 BC")).isEqualTo(LocalDate.of(0, 2, 29));
        assertThat(TemporalText.date("4713-11-24 BC")).isEqualTo(LocalDate.of(-4712, 11, 24));
        assertThat(TemporalText.date("5874897-12-31")).isEqualTo(LocalDate.of(5874897, 12, 31));
        assertThat(TemporalText.date("infinity")).isEqualTo(LocalDate.MAX);
        assertThat(TemporalText.date("-infinity")).isEqualTo(LocalDate.MIN);
        assertThat(TemporalText.timestamp("4713-12-31 23:59:59.999999 BC"))
                .isEqualTo(LocalDateTime.of(-4712, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(TemporalText.timestamp("294247-01-01 23:59:59.999999"))
                .isEqualTo(LocalDateTime.of(294247, 1, 1, 23, 59, 59, 999_999_000));
        assertThat(TemporalText.timestamp("21016-11-04 13:51:30.123456"))
                .isEqualTo(LocalDateTime.of(21016, 11, 4, 13, 51, 30, 123_456_000));
        assertThat(TemporalText.timestamp("infinity")).isEqualTo(LocalDateTime.MAX);
        assertThat(TemporalText.timestamp("-infinity")).isEqualTo(LocalDateTime.MIN);
        assertThat(TemporalText.instant("4714-12-31 23:59:59.999999+00 BC"))
                .isEqualTo(LocalDateTime.of(-4713, 12, 31, 23, 59, 59, 999_999_000).toInstant(ZoneOffset.UTC));
        assertThat(TemporalText.instant("21016-11-04 06:51:30+00"))
                .isEqualTo(LocalDateTime.of(21016, 11, 4, 6, 51, 30).toInstant(ZoneOffset.UTC));
        assertThat(TemporalText.instant("infinity")).isEqualTo(Instant.MAX);
        assertThat(TemporalText.instant("-infinity")).isEqualTo(Instant.MIN);
    }

    @Test
    void mysqlYearZeroIsAnOrdinaryYear() {
        assertThat(TemporalText.date("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(TemporalText.date("0000-00-00")).isEqualTo(LocalDate.EPOCH);
        assertThat(TemporalText.isoYear("9999-12-31")).isEqualTo("9999-12-31");
    }
}
