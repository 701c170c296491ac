package dev.ferry.clickhouse.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.ServerVersion;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetColumn;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.core.schema.TemporalRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ladder of types a date or time column can get on each server level, and which rung the values of
 * well-known sample databases need: MySQL's employees (birth dates 1952..1965, {@code to_date} 9999-01-01 for
 * "still current") and Chinook (employee birth dates 1947..1973 as whole-second datetimes).
 */
class TemporalChoicesTest {

    private static final ServerCapabilities V18_16 = caps("18.16.1");
    private static final ServerCapabilities V20_3 = caps("20.3.19");
    private static final ServerCapabilities V21_4 = caps("21.4.7");
    private static final ServerCapabilities V21_9 = caps("21.9.2");
    private static final ServerCapabilities V22_8 = caps("22.8.1");
    private static final ServerCapabilities V24_3 = caps("24.3.1");

    private static final ColumnSpec DATE = column("birth_date", LogicalType.of(LogicalKind.DATE, "date"), false);
    private static final ColumnSpec DATETIME = column("BirthDate",
            LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"), true);
    private static final ColumnSpec DATETIME6 = column("at",
            LogicalType.timestamp(LogicalKind.TIMESTAMP, 6, "datetime(6)"), false);

    private static final TemporalRange EMPLOYEE_BIRTHS = dates("1952-02-02", "1965-02-01");
    private static final TemporalRange HIRE_DATES = dates("1985-01-01", "2000-01-28");
    private static final TemporalRange TO_DATES = dates("1985-03-01", "9999-01-01");
    private static final TemporalRange CHINOOK_BIRTHS = TemporalRange.of(LocalDateTime.parse("1947-09-19T00:00"),
            LocalDateTime.parse("1973-08-29T00:00"));

    private static ServerCapabilities caps(String version) {
        return ServerCapabilities.of(ServerVersion.parse(version));
    }

    private static ColumnSpec column(String name, LogicalType type, boolean nullable) {
        return new ColumnSpec(name, type, nullable, null);
    }

    private static TemporalRange dates(String min, String max) {
        return TemporalRange.of(LocalDate.parse(min), LocalDate.parse(max));
    }

    private static List<String> choices(ColumnSpec column, ServerCapabilities caps) {
        return ChTypes.choices(column, caps, false).stream().map(ChType::sql).toList();
    }

    private static String narrowest(ColumnSpec column, ServerCapabilities caps, TemporalRange values) {
        return ChTypes.narrowest(column, caps, false, values).sql();
    }

    @Test
    void eachServerLevelHasItsLadder() {
        assertThat(choices(DATE, V18_16)).containsExactly("Date", "String");
        assertThat(choices(DATE, V21_4)).containsExactly("Date", "String");
        assertThat(choices(DATE, V21_9)).containsExactly("Date", "Date32", "String");
        assertThat(choices(DATE, V24_3)).containsExactly("Date", "Date32", "String");

        assertThat(choices(DATETIME, V18_16)).containsExactly("Nullable(DateTime('UTC'))", "Nullable(String)");
        // DateTime64 holds no more than DateTime before 21.4, so it is no rung for whole seconds there
        assertThat(choices(DATETIME, V20_3)).containsExactly("Nullable(DateTime('UTC'))", "Nullable(String)");
        assertThat(choices(DATETIME, V21_4)).containsExactly("Nullable(DateTime('UTC'))",
                "Nullable(DateTime64(0, 'UTC'))", "Nullable(String)");

        assertThat(choices(DATETIME6, V18_16)).containsExactly("String");
        assertThat(choices(DATETIME6, V20_3)).containsExactly("DateTime64(6, 'UTC')", "String");
        assertThat(choices(DATETIME6, V24_3)).containsExactly("DateTime64(6, 'UTC')", "String");

        ColumnSpec days = column("days", LogicalType.array(LogicalType.of(LogicalKind.DATE, "date"), "date[]"), true);
        assertThat(choices(days, V24_3)).containsExactly("Array(Nullable(Date))", "Array(Nullable(Date32))",
                "Array(Nullable(String))");
        // key columns are never Nullable, whichever rung they get
        assertThat(ChTypes.choices(DATETIME, V24_3, true)).extracting(ChType::sql)
                .containsExactly("DateTime('UTC')", "DateTime64(0, 'UTC')", "String");
        // other kinds have exactly one choice
        assertThat(choices(column("n", LogicalType.of(LogicalKind.INT32, "int"), true), V24_3))
                .containsExactly("Nullable(Int32)");
    }

    @Test
    void theEmployeesSampleGetsTheNarrowestTypeThatHoldsIt() {
        assertThat(narrowest(DATE, V18_16, HIRE_DATES)).isEqualTo("Date");
        assertThat(narrowest(DATE, V24_3, HIRE_DATES)).isEqualTo("Date");
        assertThat(narrowest(DATE, V18_16, EMPLOYEE_BIRTHS)).isEqualTo("String");
        assertThat(narrowest(DATE, V21_4, EMPLOYEE_BIRTHS)).isEqualTo("String");
        assertThat(narrowest(DATE, V21_9, EMPLOYEE_BIRTHS)).isEqualTo("Date32");
        assertThat(narrowest(DATE, V24_3, EMPLOYEE_BIRTHS)).isEqualTo("Date32");
        // "until further notice" is beyond every ClickHouse date type Ferry relies on
        assertThat(narrowest(DATE, V24_3, TO_DATES)).isEqualTo("String");
        assertThat(narrowest(DATE, V24_3, TemporalRange.EMPTY)).isEqualTo("Date");
        assertThat(narrowest(DATE, V24_3, TemporalRange.ALL)).isEqualTo("String");
    }

    @Test
    void chinookBirthDatesNeedDateTime64FromWhereItReachesBefore1970() {
        assertThat(narrowest(DATETIME, V18_16, CHINOOK_BIRTHS)).isEqualTo("Nullable(String)");
        assertThat(narrowest(DATETIME, V20_3, CHINOOK_BIRTHS)).isEqualTo("Nullable(String)");
        assertThat(narrowest(DATETIME, V21_4, CHINOOK_BIRTHS)).isEqualTo("Nullable(DateTime64(0, 'UTC'))");
        assertThat(narrowest(DATETIME, V24_3, CHINOOK_BIRTHS)).isEqualTo("Nullable(DateTime64(0, 'UTC'))");
        TemporalRange since1900 = TemporalRange.of(LocalDateTime.parse("1900-01-01T00:00"),
                LocalDateTime.parse("2024-01-01T00:00"));
        assertThat(narrowest(DATETIME, V21_4, since1900)).isEqualTo("Nullable(String)");
        assertThat(narrowest(DATETIME, V22_8, since1900)).isEqualTo("Nullable(DateTime64(0, 'UTC'))");
        // MySQL datetime(6)'s extremes fit only text
        TemporalRange mysqlExtremes = TemporalRange.of(LocalDateTime.parse("1000-01-01T00:00:00"),
                LocalDateTime.parse("9999-12-31T23:59:59.999999"));
        assertThat(narrowest(DATETIME6, V24_3, mysqlExtremes)).isEqualTo("String");
        TemporalRange infinities = new TemporalRange(Instant.MIN, Instant.MAX);
        assertThat(narrowest(DATETIME6, V24_3, infinities)).isEqualTo("String");
    }

    @Test
    void typeRangesAreWhatTheServerShows() {
        assertThat(TypeRanges.describe(ChType.of(ChKind.DATE), V24_3)).isEqualTo("1970-01-01..2106-02-07");
        assertThat(TypeRanges.describe(ChType.of(ChKind.DATE32), V21_9)).isEqualTo("1925-01-01..2283-11-11");
        assertThat(TypeRanges.describe(ChType.of(ChKind.DATE32), V22_8)).isEqualTo("1900-01-01..2299-12-31");
        assertThat(TypeRanges.describe(ChType.dateTime64(3, "UTC"), V20_3))
                .isEqualTo("1970-01-01 00:00:00..2106-02-06 23:59:59 UTC");
        assertThat(TypeRanges.of(ChType.dateTime64(6, "UTC"), V22_8)).isEqualTo(new TemporalRange(
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2299-12-31T23:59:59.999999999Z")));
        assertThat(TypeRanges.of(ChType.of(ChKind.STRING), V18_16)).isEqualTo(TemporalRange.ALL);
    }

    @Test
    void modernTargetsAreCreatedWithDate32AndDateTime64() {
        TargetTable employees = new TargetTable("hr", "employees", List.of(
                new TargetColumn("emp_no", ChType.of(ChKind.INT32), ""),
                new TargetColumn("birth_date", ChTypes.narrowest(DATE, V24_3, false, EMPLOYEE_BIRTHS), ""),
                new TargetColumn("hire_date", ChTypes.narrowest(DATE, V24_3, false, HIRE_DATES), ""),
                new TargetColumn("BirthDate", ChTypes.narrowest(DATETIME, V24_3, false, CHINOOK_BIRTHS), "")),
                TargetTable.Engine.REPLACING_MERGE_TREE, List.of("emp_no"), null);
        assertThat(TableDdl.create(employees)).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `hr`.`employees` (
                    `emp_no` Int32,
                    `birth_date` Date32,
                    `hire_date` Date,
                    `BirthDate` Nullable(DateTime64(0, 'UTC')),
                    `_version` UInt64 COMMENT 'Ferry: version of the row (load time in microseconds, or source position)'
                )
                ENGINE = ReplacingMergeTree(`_version`)
                ORDER BY (`emp_no`)""");
    }
}
