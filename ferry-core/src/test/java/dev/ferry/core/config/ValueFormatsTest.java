package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueFormatsTest {

    @Test
    void durationsTakeAUnit() {
        assertThat(Durations.parse("0s")).contains(Duration.ZERO);
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("1.5h")).isEmpty();
    }

    @Test
    void sizesAre1024Based() {
        assertThat(Sizes.parse("100")).hasValue(100);
        assertThat(Sizes.parse("10B")).hasValue(10);
        assertThat(Sizes.parse("512KB")).hasValue(512 * 1024);
        assertThat(Sizes.parse("64MB")).hasValue(64L * 1024 * 1024);
        assertThat(Sizes.parse("2 gb")).hasValue(2L * 1024 * 1024 * 1024);
        assertThat(Sizes.parse("64 parsecs")).isEmpty();
        assertThat(Sizes.parse("999999999999999GB")).as("overflows a long").isEmpty();
    }

    @Test
    void spellingSuggestsOnlyCloseNames() {
        List<String> known = List.of("host", "port", "password");

        assertThat(Spelling.distance("passwrd", "password")).isEqualTo(1);
        assertThat(Spelling.unknownField("Pasword", known)).isEqualTo("unknown field 'Pasword'; did you mean 'password'?");
        assertThat(Spelling.unknownField("certificate", known))
                .isEqualTo("unknown field 'certificate'; known fields: host, port, password");
    }
}
