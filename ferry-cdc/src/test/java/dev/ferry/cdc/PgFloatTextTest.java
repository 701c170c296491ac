package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what PostgreSQL 15 prints for {@code '<value>'::float8::text} (checked with psql). */
class PgFloatTextTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1", "1e16, 1e+16", "1.5e-5, 1.5e-05", "0.0001, 0.0001", "123456789012345, 123456789012345",
        "1e15, 1e+15", "-0.0, -0", "NaN, NaN", "-Infinity, -Infinity", "0.1, 0.1", "9.99e-5, 9.99e-05",
        "12345678901234.5, 12345678901234.5", "2.2250738585072014e-308, 2.2250738585072014e-308",
        "1.7976931348623157e308, 1.7976931348623157e+308", "4.9e-324, 5e-324", "100, 100",
        "0.30000000000000004, 0.30000000000000004", "-73.98, -73.98"})
    void printsDoublesAsPostgresql(double value, String expected) {
        assertThat(PgFloatText.of(value)).isEqualTo(expected);
    }
}
