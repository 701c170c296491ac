package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.CursorLookback;
import dev.ferry.core.config.DeadLetterLimit;
import dev.ferry.core.config.NullCursorRule;
import dev.ferry.core.config.TableRules;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.jdbc.SourceSql;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CursorWindowTest {

    private static final SourceSql PG = new SourceSql(SourceKind.POSTGRES);
    private static final SourceSql MY = new SourceSql(SourceKind.MYSQL);
    private static final ColumnSpec DATETIME = new ColumnSpec("updated_at",
            LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"), false, null);
    private static final ColumnSpec TIMESTAMP_3 = new ColumnSpec("updated_at",
            LogicalType.timestamp(LogicalKind.TIMESTAMP, 3, "timestamp(3) without time zone"), false, null);
    private static final ColumnSpec DATE = new ColumnSpec("day", LogicalType.of(LogicalKind.DATE, "date"), true, null);
    private static final ColumnSpec ID = new ColumnSpec("id", LogicalType.of(LogicalKind.INT64, "bigint"), false, null);
    private static final ColumnSpec CODE = new ColumnSpec("code", LogicalType.of(LogicalKind.STRING, "text"), false,
            null);

    private static TableRules rules(CursorLookback lookback, boolean onTable) {
        return new TableRules(lookback, onTable, NullCursorRule.INCLUDE_ON_FULL, DeadLetterLimit.NONE_ALLOWED);
    }

    @Test
    void autoIsThePrecisionPlusAMinuteForTimes() {
        CursorWindow window = CursorWindow.of(DATETIME, rules(CursorLookback.AUTO, false), "t");
        assertThat(window.time()).isEqualTo(Duration.ofSeconds(61));
        assertThat(window.condition(MY)).isEqualTo("`updated_at` >= CAST(? AS DATETIME(6)) - INTERVAL 61000000 MICROSECOND");
        CursorWindow millis = CursorWindow.of(TIMESTAMP_3, rules(CursorLookback.AUTO, false), "t");
        assertThat(millis.time()).isEqualTo(Duration.ofMillis(60_001));
        assertThat(millis.condition(PG)).isEqualTo(
                "\"updated_at\" >= CAST(? AS timestamp(3) without time zone) - INTERVAL '60001000 microseconds'");
        assertThat(CursorWindow.of(DATE, rules(CursorLookback.AUTO, false), "t").time())
                .isEqualTo(Duration.ofDays(1).plusMinutes(1));
    }

    @Test
    void autoIsAThousandForNumbersAndNothingForText() {
        CursorWindow window = CursorWindow.of(ID, rules(CursorLookback.AUTO, false), "t");
        assertThat(window.units()).isEqualTo(BigDecimal.valueOf(1000));
        assertThat(window.condition(PG)).isEqualTo("\"id\" >= CAST(? AS bigint) - 1000");
        assertThat(window.condition(MY)).isEqualTo("`id` >= CAST(? AS DECIMAL(65,30)) - 1000");
        assertThat(CursorWindow.of(CODE, rules(CursorLookback.AUTO, false), "t").condition(PG))
                .isEqualTo("\"code\" >= CAST(? AS text)");
    }

    @Test
    void zeroIsZeroForEveryCursorButStillReadsTheMarkAgain() {
        for (CursorLookback zero : new CursorLookback[] {new CursorLookback.Span(Duration.ZERO),
                new CursorLookback.Units(BigDecimal.ZERO)}) {
            assertThat(CursorWindow.of(DATETIME, rules(zero, true), "t").condition(MY))
                    .isEqualTo("`updated_at` >= CAST(? AS DATETIME(6))");
            assertThat(CursorWindow.of(ID, rules(zero, false), "t").condition(MY)).isEqualTo("`id` >= ?");
        }
    }

    @Test
    void aPipelineWideValueAppliesToCursorsOfItsKind() {
        CursorLookback fiveMinutes = new CursorLookback.Span(Duration.ofMinutes(5));
        assertThat(CursorWindow.of(DATETIME, rules(fiveMinutes, false), "t").time()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CursorWindow.of(ID, rules(fiveMinutes, false), "t").units()).isEqualTo(BigDecimal.valueOf(1000));
        CursorLookback fifty = new CursorLookback.Units(BigDecimal.valueOf(50));
        assertThat(CursorWindow.of(ID, rules(fifty, false), "t").condition(PG))
                .isEqualTo("\"id\" >= CAST(? AS bigint) - 50");
        assertThat(CursorWindow.of(DATETIME, rules(fifty, false), "t").time()).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void aTablesOwnValueMustFitItsCursor() {
        assertThatThrownBy(() -> CursorWindow.of(ID, rules(new CursorLookback.Span(Duration.ofMinutes(5)), true),
                "shop.orders")).isInstanceOf(FerryException.class).hasMessage("table shop.orders: cursor_lookback 5m"
                        + " does not fit its cursor id (bigint): a numeric cursor needs a number of cursor units such"
                        + " as 1000 (or leave it out for auto)");
        assertThatThrownBy(() -> CursorWindow.of(DATETIME, rules(new CursorLookback.Units(BigDecimal.TEN), true),
                "shop.orders")).hasMessageContaining("a date/time cursor needs a duration such as 30s or 5m");
        assertThatThrownBy(() -> CursorWindow.of(CODE, rules(new CursorLookback.Units(BigDecimal.TEN), true),
                "shop.orders")).hasMessageContaining("only date/time and numeric cursors can look back");
    }
}
