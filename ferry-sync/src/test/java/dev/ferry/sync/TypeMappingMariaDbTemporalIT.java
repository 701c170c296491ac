package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * MariaDB YEAR, TIME, DATE, DATETIME and TIMESTAMP on ClickHouse 18.16, including zero dates, TIME beyond 24
 * hours, invalid dates, and values outside what ClickHouse's Date and DateTime show (their column becomes text).
 */
@FerryIntegrationTest
class TypeMappingMariaDbTemporalIT extends TypeMappingIT {

    private static final String COLUMNS = "id, y, tm, tm6, d, dt, dt6, dt3, ts, ts6";
    private static final String CREATE = "CREATE TABLE t (id int PRIMARY KEY, y year, tm time, tm6 time(6), d date, "
            + "dt datetime, dt6 datetime(6), dt3 datetime(3), ts timestamp NULL DEFAULT NULL, "
            + "ts6 timestamp(6) NULL DEFAULT NULL)";
    /** Zero dates in every column; TIMESTAMP values are instants, written at UTC+2. */
    private static final String ZERO_DATES = "(2, 0, '00:00:00', '-00:00:00.000001', '0000-00-00', "
            + "'0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', "
            + "'0000-00-00 00:00:00')";

    @Test
    void temporalValuesZeroDatesAndInvalidDates(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb(CREATE,
                // zero dates need a non-strict mode; TIMESTAMP values are instants, written here at UTC+2
                "SET SESSION sql_mode = ''", "SET SESSION time_zone = '+02:00'",
                "INSERT INTO t (" + COLUMNS + ") VALUES "
                        + "(1, 2024, '-838:59:59', '838:59:59.999999', '2024-02-29', '2024-02-29 23:59:59', "
                        + "'2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.5', '2024-02-29 23:59:59', "
                        + "'2024-02-29 23:59:59.5'), " + ZERO_DATES + ","
                        + "(3, 1901, '12:00:00', '100:00:00.5', '2106-02-07', '2106-02-06 23:59:59', "
                        + "'1000-01-01 00:00:00.000001', '9999-12-31 23:59:59.999', '1970-01-01 02:00:01', "
                        + "'2038-01-19 05:14:07.999999'),"
                        + "(4, 2155, NULL, NULL, '1970-01-01', '1970-01-01 00:00:00', NULL, NULL, NULL, NULL),"
                        + "(5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        // a date with a zero month is no date at all (only the all-zero date has a meaning)
                        + "(11, NULL, NULL, NULL, '2024-00-10', NULL, NULL, NULL, NULL, NULL),"
                        // neither is a zero date: a zero date with a time of day has no ClickHouse counterpart
                        + "(12, NULL, NULL, NULL, NULL, '0000-00-00 12:00:00', NULL, NULL, NULL, NULL)",
                // MySQL's ALLOW_INVALID_DATES stores February 30th; it must not quietly become the 29th
                "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'",
                "INSERT INTO t (" + COLUMNS + ") VALUES "
                        + "(13, NULL, NULL, NULL, '2024-02-30', NULL, NULL, NULL, NULL, NULL),"
                        + "(14, NULL, NULL, NULL, NULL, '2024-02-30 12:00:00', NULL, NULL, NULL, NULL),"
                        + "(15, NULL, NULL, NULL, NULL, NULL, '2023-02-29 12:00:00.5', NULL, NULL, NULL)");
        Path config = f.config("my", "tables: [t]");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(5);
            assertThat(t.deadLetters()).isEqualTo(5);
        });
        // invalid dates are left out when Ferry looks at a column's values: d and dt fit Date and DateTime
        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("y", "Nullable(UInt16)"),
                entry("tm", "Nullable(String)"), entry("tm6", "Nullable(String)"), entry("d", "Nullable(Date)"),
                entry("dt", "Nullable(DateTime('UTC'))"), entry("dt6", "Nullable(String)"),
                entry("dt3", "Nullable(String)"), entry("ts", "Nullable(DateTime('UTC'))"),
                entry("ts6", "Nullable(String)"));
        assertThat(query(f, "SELECT " + COLUMNS + " FROM t ORDER BY id")).containsExactly(
                // DATETIME is wall-clock time stored as if in UTC; TIMESTAMP is the instant, shown in UTC
                row("1", "2024", "-838:59:59", "838:59:59.999999", "2024-02-29", "2024-02-29 23:59:59",
                        "2024-02-29 23:59:59.123456", "2024-02-29 23:59:59.500", "2024-02-29 21:59:59",
                        "2024-02-29 21:59:59.500000Z"),
                // zero dates become ClickHouse's zero (the epoch); 18.x prints it as zeros, text shows the epoch
                row("2", "0", "00:00:00", "-00:00:00.000001", "0000-00-00", "0000-00-00 00:00:00",
                        "1970-01-01 00:00:00.000000", "1970-01-01 00:00:00.000", "0000-00-00 00:00:00",
                        "1970-01-01 00:00:00.000000Z"),
                row("3", "1901", "12:00:00", "100:00:00.500000", "2106-02-07", "2106-02-06 23:59:59",
                        "1000-01-01 00:00:00.000001", "9999-12-31 23:59:59.999", "1970-01-01 00:00:01",
                        "2038-01-19 03:14:07.999999Z"),
                // a real 1970-01-01 is the same zero as a zero date
                row("4", "2155", null, null, "0000-00-00", "0000-00-00 00:00:00", null, null, null, null),
                row("5", null, null, null, null, null, null, null, null, null));
        assertThat(deadLetters(f)).containsExactly(
                row("11", "d: cannot read date value '2024-00-10': Text '2024-00-10' could not be parsed: "
                        + "Invalid value for MonthOfYear (valid values 1 - 12): 0"),
                row("12", "dt: cannot read datetime value '0000-00-00 12:00:00': "
                        + "Invalid value for MonthOfYear (valid values 1 - 12): 0"),
                row("13", "d: cannot read date value '2024-02-30': Text '2024-02-30' could not be parsed: "
                        + "Invalid date 'FEBRUARY 30'"),
                row("14", "dt: cannot read datetime value '2024-02-30 12:00:00': Invalid date 'FEBRUARY 30'"),
                row("15", "dt6: cannot read datetime(6) value '2023-02-29 12:00:00.500000': "
                        + "Invalid date 'February 29' as '2023' is not a leap year"));
        assertValidates(f, config, 5);
    }

    /**
     * Before 1970 or after what 18.x prints: before, each such row was a dead letter; now the column is text,
     * which also holds MySQL's whole DATE and DATETIME range. A zero date in a text column reads as the epoch,
     * as in a Date column (and as Debezium sends it), so snapshot, incremental and CDC rows agree.
     */
    @Test
    void valuesDateAndDateTimeCannotShowMakeTheirColumnText(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb(CREATE, "SET SESSION sql_mode = ''", "SET SESSION time_zone = '+02:00'",
                "INSERT INTO t (" + COLUMNS + ") VALUES " + ZERO_DATES + ","
                        + "(6, NULL, NULL, NULL, '1969-12-31', '1969-12-31 23:59:59', NULL, NULL, NULL, NULL),"
                        + "(7, NULL, NULL, NULL, '1000-01-01', '1000-01-01 00:00:00', NULL, NULL, NULL, NULL),"
                        + "(8, NULL, NULL, NULL, '2106-02-08', '2106-02-07 00:00:00', NULL, NULL, NULL, NULL),"
                        + "(9, NULL, NULL, NULL, '9999-12-31', '9999-12-31 23:59:59', NULL, NULL, NULL, NULL)");
        Path config = f.config("my", "tables: [t]");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(5);
            assertThat(t.deadLetters()).isZero();
        });
        assertThat(columnTypes(f)).containsEntry("d", "Nullable(String)").containsEntry("dt", "Nullable(String)")
                .containsEntry("ts", "Nullable(DateTime('UTC'))");
        assertThat(query(f, "SELECT id, d, dt FROM t ORDER BY id")).containsExactly(
                row("2", "1970-01-01", "1970-01-01 00:00:00"),
                row("6", "1969-12-31", "1969-12-31 23:59:59"),
                row("7", "1000-01-01", "1000-01-01 00:00:00"),
                row("8", "2106-02-08", "2106-02-07 00:00:00"),
                row("9", "9999-12-31", "9999-12-31 23:59:59"));
        assertValidates(f, config, 0);
    }
}
