package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TextValuesTest {

    @Test
    void formatsCentsWithTwoPlacesAndSign() {
        assertThat(TextValues.cents(0)).isEqualTo("0.00");
        assertThat(TextValues.cents(5)).isEqualTo("0.05");
        assertThat(TextValues.cents(123_405)).isEqualTo("1234.05");
        assertThat(TextValues.cents(-1_50)).isEqualTo("-1.50");
    }

    @Test
    void formatsTimestampsLikePostgresPrintsThem() {
        long second = TextValues.epochSecond(LocalDateTime.of(2025, 3, 7, 4, 5, 9));
        StringBuilder out = new StringBuilder();
        TextValues.appendTimestamp(out, second);
        assertThat(out).hasToString("2025-03-07 04:05:09");
        StringBuilder date = new StringBuilder();
        TextValues.appendDate(date, TextValues.epochSecond(LocalDateTime.of(1969, 12, 31, 23, 59, 59)));
        assertThat(date).hasToString("1969-12-31");
        assertThat(TextValues.dateTime(second)).isEqualTo(LocalDateTime.of(2025, 3, 7, 4, 5, 9));
    }
}
