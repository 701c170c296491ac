package dev.ferry.jdbc.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
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
    void impossibleDatesAndSpecialValuesAreRefused() {
        assertThatThrownBy(() -> TemporalText.timestamp("2024-02-30 00:00:00")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> TemporalText.timestamp("infinity")).hasMessageContaining("'infinity'");
        assertThat(TemporalText.timestamp("0000-00-00 00:00:00")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(FastTemporal.localDateTime("2024-01-02T03:04:05")).isNull();
        assertThat(TemporalText.instant("2024-01-02 03:04:05.25+00").atOffset(ZoneOffset.UTC).getNano())
                .isEqualTo(250_000_000);
    }
}
