package dev.ferry.sync;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.CursorLookback;
import dev.ferry.core.config.TableRules;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.jdbc.SourceSql;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Which rows an incremental run reads: {@code cursor >= mark - lookback}, the lookback resolved for the
 * cursor column's type. {@code >=} re-reads the rows sharing the mark's value, which a column of one-second
 * precision has many of, some written after the run that set the mark; the lookback re-reads rows committed
 * late with a value below the mark. Both come back as new versions of their keys (ReplacingMergeTree keeps
 * the newest), and since the mark never moves back, what a run re-reads stays within one lookback of it.
 *
 * @param time  the lookback of a date/time cursor (zero otherwise)
 * @param units the lookback of a numeric cursor (zero otherwise)
 */
record CursorWindow(ColumnSpec cursor, Duration time, BigDecimal units) {

    /**
     * Resolves the table's {@code cursor_lookback}: {@code auto} is the column's precision plus
     * {@link CursorLookback#COMMIT_ALLOWANCE} for dates and times and {@link CursorLookback#NUMERIC_ALLOWANCE}
     * for numbers. A pipeline-wide value applies to the cursors of its kind; a table's own value must fit its
     * cursor.
     */
    static CursorWindow of(ColumnSpec cursor, TableRules rules, String table) {
        LogicalKind kind = cursor.type().kind();
        CursorLookback lookback = rules.cursorLookback();
        boolean temporal = CursorKinds.temporal(kind);
        boolean numeric = CursorKinds.numeric(kind);
        if (lookback instanceof CursorLookback.Span span && span.duration().isZero()
                || lookback instanceof CursorLookback.Units units && units.isZero()) {
            return new CursorWindow(cursor, Duration.ZERO, BigDecimal.ZERO);
        }
        boolean fits = lookback instanceof CursorLookback.Auto
                || temporal && lookback instanceof CursorLookback.Span
                || numeric && lookback instanceof CursorLookback.Units;
        if (!fits && rules.lookbackOnTable()) {
            throw new FerryException("table " + table + ": cursor_lookback " + lookback.text()
                    + " does not fit its cursor " + cursor.name() + " (" + cursor.type().nativeType() + "): " + (temporal
                    ? "a date/time cursor needs a duration such as 30s or 5m"
                    : numeric ? "a numeric cursor needs a number of cursor units such as 1000"
                            : "only date/time and numeric cursors can look back; use auto or 0")
                    + " (or leave it out for auto)");
        }
        if (fits && lookback instanceof CursorLookback.Span span) {
            return new CursorWindow(cursor, span.duration(), BigDecimal.ZERO);
        }
        if (fits && lookback instanceof CursorLookback.Units units) {
            return new CursorWindow(cursor, Duration.ZERO, units.amount());
        }
        // auto, or a pipeline-wide value meant for cursors of the other kind
        if (temporal) {
            return new CursorWindow(cursor, precision(cursor).plus(CursorLookback.COMMIT_ALLOWANCE), BigDecimal.ZERO);
        }
        return new CursorWindow(cursor, Duration.ZERO, numeric ? CursorLookback.NUMERIC_ALLOWANCE : BigDecimal.ZERO);
    }

    /** The smallest step the column can tell apart: one day for a date, 10^-precision seconds otherwise. */
    static Duration precision(ColumnSpec cursor) {
        if (cursor.type().kind() == LogicalKind.DATE) {
            return Duration.ofDays(1);
        }
        int digits = Math.max(0, Math.min(9, cursor.type().precision()));
        return Duration.of((long) Math.pow(10, 9 - digits), ChronoUnit.NANOS);
    }

    /** The WHERE condition for a bound parameter holding the mark's text. */
    String condition(SourceSql sql) {
        String column = sql.quote(cursor.name());
        LogicalKind kind = cursor.type().kind();
        boolean temporal = CursorKinds.temporal(kind);
        boolean numeric = CursorKinds.numeric(kind);
        String mark = switch (sql.kind()) {
            case POSTGRES -> "CAST(? AS " + cursor.type().nativeType() + ")";
            // exact decimal arithmetic: a number bound as text would be compared as a double
            case MYSQL -> temporal ? "CAST(? AS DATETIME(6))" : numeric && units.signum() != 0
                    ? "CAST(? AS DECIMAL(65,30))" : "?";
        };
        if (temporal && !time.isZero()) {
            // microseconds, as both servers' intervals take them and no column is finer
            long micros = Math.max(1, time.toNanos() / 1000);
            mark += switch (sql.kind()) {
                case POSTGRES -> " - INTERVAL '" + micros + " microseconds'";
                case MYSQL -> " - INTERVAL " + micros + " MICROSECOND";
            };
        } else if (numeric && units.signum() != 0) {
            mark += " - " + units.toPlainString();
        }
        return column + " >= " + mark;
    }

    /** For messages and docs: {@code 1m1s}, {@code 1000}, {@code 0}. */
    String describe() {
        if (!time.isZero()) {
            return time.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        }
        return units.toPlainString();
    }
}
