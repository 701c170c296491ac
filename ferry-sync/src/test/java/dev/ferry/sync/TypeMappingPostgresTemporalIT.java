package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL dates, times, timestamps and intervals on ClickHouse 18.16: whole-second timestamps become
 * DateTime('UTC'), finer ones text; a date or whole-second column with values Date or DateTime cannot show
 * (before 1970, after 2106, BC, infinity) becomes text, so that no row is lost.
 */
@FerryIntegrationTest
class TypeMappingPostgresTemporalIT extends TypeMappingIT {

    private static final String COLUMNS = "id, d, ts0, ts, ts3, tz0, tz, iv, tm, ttz";
    private static final String CREATE = "CREATE TABLE t (id int PRIMARY KEY, d date, ts0 timestamp(0), ts timestamp, "
            + "ts3 timestamp(3), tz0 timestamptz(0), tz timestamptz, iv interval, tm time, ttz timetz)";

    @Test
    void timestampsAreUtcAndTheEdgesOfDateAndDateTimeAreKept(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres(CREATE,
                // a session zone other than UTC: timestamptz values are instants and must come out in UTC
                "SET TIME ZONE 'Europe/Berlin'",
                "INSERT INTO t (" + COLUMNS + ") VALUES "
                        + "(1, '2024-02-29', '2024-02-29 23:59:59', '2024-02-29 23:59:59.123456', "
                        + "'2024-02-29 23:59:59.5', '2024-02-29 23:59:59+02', '2024-07-01 12:00:00.5', "
                        + "'1 year 2 mons 3 days 04:05:06.5', '13:45:00.25', '13:45:00+02'),"
                        // the first second ClickHouse can hold; 18.x prints a zero Date/DateTime as 0000-00-00
                        + "(2, '1970-01-01', '1970-01-01 00:00:00', '1969-12-31 23:59:59.999999', "
                        + "'1900-01-01 00:00:00', '1970-01-01 00:00:00+00', '0001-01-01 00:00:00+00', '-1 days', "
                        + "'24:00:00', '00:00:00-05:30'),"
                        // the last values 18.x shows correctly; finer timestamps are text and have no limit
                        + "(3, '2106-02-07', '2106-02-06 23:59:59', '9999-12-31 23:59:59.999999', "
                        + "'2106-02-07 00:00:00', '2106-02-06 23:59:59+00', '2024-01-01 00:00:00.000001+00', "
                        + "'00:00:00', '00:00:00', '23:59:59.999999+14'),"
                        + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        Path config = f.config("pg", "tables: [public.t]");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(4);
            assertThat(t.deadLetters()).isZero();
        });
        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("d", "Nullable(Date)"),
                entry("ts0", "Nullable(DateTime('UTC'))"), entry("ts", "Nullable(String)"),
                entry("ts3", "Nullable(String)"), entry("tz0", "Nullable(DateTime('UTC'))"),
                entry("tz", "Nullable(String)"), entry("iv", "Nullable(String)"), entry("tm", "Nullable(String)"),
                entry("ttz", "Nullable(String)"));
        assertThat(query(f, "SELECT " + COLUMNS + " FROM t ORDER BY id")).containsExactly(
                row("1", "2024-02-29", "2024-02-29 23:59:59", "2024-02-29 23:59:59.123456", "2024-02-29 23:59:59.500",
                        "2024-02-29 21:59:59", "2024-07-01 10:00:00.500000Z", "1 year 2 mons 3 days 04:05:06.5",
                        "13:45:00.25", "13:45:00+02"),
                row("2", "0000-00-00", "0000-00-00 00:00:00", "1969-12-31 23:59:59.999999", "1900-01-01 00:00:00.000",
                        "0000-00-00 00:00:00", "0001-01-01 00:00:00.000000Z", "-1 days", "24:00:00",
                        "00:00:00-05:30"),
                row("3", "2106-02-07", "2106-02-06 23:59:59", "9999-12-31 23:59:59.999999", "2106-02-07 00:00:00.000",
                        "2106-02-06 23:59:59", "2024-01-01 00:00:00.000001Z", "00:00:00", "00:00:00",
                        "23:59:59.999999+14"),
                row("4", null, null, null, null, null, null, null, null, null));
        // the epoch really is stored: 0 days and 0 seconds, which 18.x prints as zeros
        assertThat(query(f, "SELECT toUInt16(d), toUInt32(ts0), toUInt32(tz0) FROM t WHERE id = 2"))
                .containsExactly(row("0", "0", "0"));
        assertValidates(f, config, 0);
    }

    /** Before, each of these rows was a dead letter ("outside ClickHouse Date's range", "no ClickHouse counterpart"). */
    @Test
    void valuesDateAndDateTimeCannotShowMakeTheirColumnText(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres(CREATE,
                "INSERT INTO t (id, d, ts0, tz0) VALUES (1, '2024-02-29', '2024-02-29 23:59:59', "
                        + "'2024-02-29 23:59:59+02'), (5, '1969-12-31', '1969-12-31 23:59:59', '1969-12-31 23:59:59+00'), "
                        + "(6, '2106-02-08', '2106-02-07 00:00:00', '2106-02-07 00:00:00+00'), "
                        + "(7, 'infinity', 'infinity', 'infinity'), (8, '-infinity', '-infinity', '-infinity'), "
                        + "(9, '0044-03-15 BC', '0044-03-15 10:00:00 BC', '0044-03-15 10:00:00+00 BC')",
                "INSERT INTO t (id, ts, tz) VALUES (10, '-infinity', 'infinity')");
        Path config = f.config("pg", "tables: [public.t]");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(7);
            assertThat(t.deadLetters()).isZero();
        });
        assertThat(columnTypes(f)).containsEntry("d", "Nullable(String)").containsEntry("ts0", "Nullable(String)")
                .containsEntry("tz0", "Nullable(String)").containsEntry("ts", "Nullable(String)");
        // the text of each: dates as ISO dates, timestamps with the column's fraction digits, instants in UTC
        assertThat(query(f, "SELECT id, d, ts0, tz0, ts, tz FROM t ORDER BY id")).containsExactly(
                row("1", "2024-02-29", "2024-02-29 23:59:59", "2024-02-29 21:59:59Z", null, null),
                row("5", "1969-12-31", "1969-12-31 23:59:59", "1969-12-31 23:59:59Z", null, null),
                row("6", "2106-02-08", "2106-02-07 00:00:00", "2106-02-07 00:00:00Z", null, null),
                row("7", "infinity", "infinity", "infinity", null, null),
                row("8", "-infinity", "-infinity", "-infinity", null, null),
                // ISO 8601 counts BC years from year 0 (1 BC): 44 BC is -0043
                row("9", "-0043-03-15", "-0043-03-15 10:00:00", "-0043-03-15 10:00:00Z", null, null),
                row("10", null, null, null, "-infinity", "infinity"));
        assertValidates(f, config, 0);
    }
}
