package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import org.junit.jupiter.api.Test;

class TimeTextTest {

    private static final String MICRO = "io.debezium.time.MicroTime";

    @Test
    void postgresDropsTrailingZeros() {
        LogicalType pg = LogicalType.of(LogicalKind.TIME, "time without time zone");
        assertThat(TimeText.of(49_500_250_000L, MICRO, pg)).isEqualTo("13:45:00.25");
        assertThat(TimeText.of(49_500_000_000L, MICRO, pg)).isEqualTo("13:45:00");
    }

    @Test
    void mysqlPadsToTheColumnPrecisionAndKeepsDurations() {
        assertThat(TimeText.of(49_500_250_000L, MICRO, LogicalType.of(LogicalKind.TIME, "time(3)")))
                .isEqualTo("13:45:00.250");
        assertThat(TimeText.of(-3_020_399_000_000L, MICRO, LogicalType.of(LogicalKind.TIME, "time")))
                .isEqualTo("-838:59:59");
        assertThat(TimeText.of(3_600_000L, "io.debezium.time.Time", LogicalType.of(LogicalKind.TIME, "time")))
                .isEqualTo("01:00:00");
    }
}
