package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL tables whose dates lie outside what ClickHouse 18.16's Date and DateTime hold, taken from data
 * Ferry did not design: the MySQL employees sample in PostgreSQL form (birth dates in the 1950s and 60s, the
 * "until further notice" date 9999-01-01) and the extremes of Debezium's PostgreSQL connector tests (years
 * after 9999, BC dates, infinities). Before, every such row was a dead letter (the whole employees table);
 * now each such column is text, every row arrives and validates, and columns that fit keep their Date.
 */
@FerryIntegrationTest
class DatesOutOfRangePostgresIT extends DatesOutOfRangeIT {

    private static final String TIME_COLUMNS = "id, ts, ts_ms, tz, ts0, tz0, d, days";

    @Test
    void snapshotIncrementalAndValidateKeepEveryDate(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE employees (emp_no int PRIMARY KEY, birth_date date NOT NULL, "
                        + "first_name varchar(14) NOT NULL, last_name varchar(16) NOT NULL, gender char(1) NOT NULL, "
                        + "hire_date date NOT NULL)",
                "INSERT INTO employees VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),"
                        + "(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21'),"
                        + "(10003,'1959-12-03','Parto','Bamford','M','1986-08-28'),"
                        + "(10004,'1954-05-01','Chirstian','Koblick','M','1986-12-01'),"
                        + "(10005,'1955-01-21','Kyoichi','Maliniak','M','1989-09-12'),"
                        + "(10006,'1953-04-20','Anneke','Preusig','F','1989-06-02'),"
                        + "(10007,'1957-05-23','Tzvetan','Zielinski','F','1989-02-10'),"
                        + "(10008,'1958-02-19','Saniya','Kalloufi','M','1994-09-15'),"
                        + "(10009,'1952-04-19','Sumant','Peac','F','1985-02-18'),"
                        + "(10010,'1963-06-01','Duangkaew','Piveteau','F','1989-08-24')",
                "CREATE TABLE dept_manager (emp_no int NOT NULL, dept_no char(4) NOT NULL, from_date date NOT NULL, "
                        + "to_date date NOT NULL, PRIMARY KEY (emp_no, dept_no))",
                "INSERT INTO dept_manager VALUES (110022,'d001','1985-01-01','1991-10-01'),"
                        + "(110039,'d001','1991-10-01','9999-01-01'),(110085,'d002','1985-01-01','1989-12-17'),"
                        + "(110114,'d002','1989-12-17','9999-01-01'),(110183,'d003','1985-01-01','1992-03-21'),"
                        + "(110228,'d003','1992-03-21','9999-01-01')",
                // Debezium's PostgresConnector tests: time_table's values, with infinities and BC dates
                "CREATE TABLE time_table (id int PRIMARY KEY, ts timestamp, ts_ms timestamp(3), tz timestamptz, "
                        + "ts0 timestamp(0), tz0 timestamptz(0), d date, days date[])",
                "INSERT INTO time_table VALUES "
                        + "(1, '2016-11-04T13:51:30.123456', '1936-10-25T22:10:12.608', "
                        + "'2016-11-04T13:51:30.123456+02:00', '2016-11-04 13:51:30', '2016-11-04 13:51:30+02', "
                        + "'2016-11-04', '{2016-11-04,1953-09-02,NULL}'),"
                        + "(2, '21016-11-04T13:51:30.123456', '294247-01-01T23:59:59.999', "
                        + "'294247-01-01T23:59:59.999999+00:00', '1936-10-25 22:10:12', '1969-12-31 23:59:59+00', "
                        + "'infinity', '{infinity,-infinity}'),"
                        + "(3, '4713-12-31T23:59:59.999999 BC', '-infinity', '4714-12-31T23:59:59.999999Z BC', "
                        + "'infinity', '-infinity', '0044-03-15 BC', '{0044-03-15 BC}'),"
                        + "(4, 'infinity', 'infinity', '-infinity', '-infinity', 'infinity', '-infinity', NULL),"
                        + "(5, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                // the same again under other keys: with one row per chunk the driver reads later chunks in
                // binary, and those must read the same
                "INSERT INTO time_table SELECT id + 10, ts, ts_ms, tz, ts0, tz0, d, days FROM time_table");
        Path config = f.config("pg", "tables: [{name: public.employees, cursor: emp_no}, "
                + "{name: public.dept_manager, cursor: emp_no}, {name: public.time_table, cursor: id}]\n"
                + "mode: incremental\nchunk_rows: 1\ncursor_lookback: 0");

        assertThat(outcome(sync(f, config, SyncOptions.DEFAULT))).containsOnly(
                entry("public.dept_manager", List.of("snapshot", 6L, 0L)),
                entry("public.employees", List.of("snapshot", 10L, 0L)),
                entry("public.time_table", List.of("snapshot", 10L, 0L)));
        assertThat(types(f, "employees")).containsExactly(entry("emp_no", "Int32"), entry("birth_date", "String"),
                entry("first_name", "String"), entry("last_name", "String"), entry("gender", "String"),
                entry("hire_date", "Date"));
        assertThat(types(f, "dept_manager")).containsExactly(entry("emp_no", "Int32"), entry("dept_no", "String"),
                entry("from_date", "Date"), entry("to_date", "String"));
        assertThat(types(f, "time_table")).containsExactly(entry("id", "Int32"), entry("ts", "Nullable(String)"),
                entry("ts_ms", "Nullable(String)"), entry("tz", "Nullable(String)"), entry("ts0", "Nullable(String)"),
                entry("tz0", "Nullable(String)"), entry("d", "Nullable(String)"),
                entry("days", "Array(Nullable(String))"));
        assertThat(query(f, "SELECT emp_no, birth_date, hire_date FROM employees FINAL ORDER BY emp_no LIMIT 2"))
                .containsExactly(List.of("10001", "1953-09-02", "1986-06-26"),
                        List.of("10002", "1964-06-02", "1985-11-21"));
        assertThat(query(f, "SELECT to_date, count() FROM dept_manager FINAL GROUP BY to_date ORDER BY to_date"))
                .containsExactly(List.of("1989-12-17", "1"), List.of("1991-10-01", "1"), List.of("1992-03-21", "1"),
                        List.of("9999-01-01", "3"));
        assertThat(query(f, "SELECT " + TIME_COLUMNS + " FROM time_table FINAL WHERE id < 10 ORDER BY id"))
                .containsExactly(
                        List.of("1", "2016-11-04 13:51:30.123456", "1936-10-25 22:10:12.608",
                                "2016-11-04 11:51:30.123456Z", "2016-11-04 13:51:30", "2016-11-04 11:51:30Z",
                                "2016-11-04", "['2016-11-04','1953-09-02',NULL]"),
                        // years after 9999 carry their sign, as in ISO 8601
                        List.of("2", "+21016-11-04 13:51:30.123456", "+294247-01-01 23:59:59.999",
                                "+294247-01-01 23:59:59.999999Z", "1936-10-25 22:10:12", "1969-12-31 23:59:59Z",
                                "infinity", "['infinity','-infinity']"),
                        // BC years count back from year 0 (1 BC), as in ISO 8601: 44 BC is -0043
                        List.of("3", "-4712-12-31 23:59:59.999999", "-infinity", "-4713-12-31 23:59:59.999999Z",
                                "infinity", "-infinity", "-0043-03-15", "['-0043-03-15']"),
                        List.of("4", "infinity", "infinity", "-infinity", "-infinity", "infinity", "-infinity", "[]"),
                        Arrays.asList("5", null, null, null, null, null, null, "[]"));
        assertAllEqual(f, config);

        // later runs write into the tables as they are (each reads its new row and, with cursor_lookback 0, the row
        // at the mark again), also a new column (only its values are looked at)
        f.postgres("INSERT INTO employees VALUES (10011,'1953-11-07','Mary','Sluis','F','1990-01-22')",
                "INSERT INTO dept_manager VALUES (110303,'d004','1985-01-01','1988-09-09')",
                "ALTER TABLE time_table ADD COLUMN battle date",
                "INSERT INTO time_table VALUES (21, '1900-01-01 00:00:00', NULL, NULL, '2024-02-29 23:59:59', NULL, "
                        + "'1970-01-01', '{}', '1066-10-14')");
        assertThat(outcome(sync(f, config, SyncOptions.DEFAULT))).containsOnly(
                entry("public.dept_manager", List.of("incremental", 2L, 0L)),
                entry("public.employees", List.of("incremental", 2L, 0L)),
                entry("public.time_table", List.of("incremental", 2L, 0L)));
        assertThat(types(f, "time_table")).containsEntry("ts0", "Nullable(String)")
                .containsEntry("battle", "Nullable(String)");
        assertThat(query(f, "SELECT ts, ts0, d, battle FROM time_table FINAL WHERE id = 21"))
                .containsExactly(List.of("1900-01-01 00:00:00.000000", "2024-02-29 23:59:59", "1970-01-01",
                        "1066-10-14"));
        assertAllEqual(f, config);

        // a later value the column's type cannot hold is a dead letter, counted; a full sync decides again
        f.postgres("INSERT INTO dept_manager VALUES (110344,'d004','1969-12-31','1992-08-02')");
        assertThat(outcome(sync(f, config, SyncOptions.DEFAULT))).containsEntry("public.dept_manager",
                List.of("incremental", 1L, 1L));
        assertThat(validate(f, config)).filteredOn(t -> t.table().equals("public.dept_manager")).singleElement()
                .satisfies(t -> {
                    assertThat(t.mismatchedRows()).isZero();
                    assertThat(t.unwritable()).isOne();
                });
        assertThat(outcome(sync(f, config, new SyncOptions("dept_manager", true)))).containsExactly(
                entry("public.dept_manager", List.of("snapshot", 8L, 0L)));
        assertThat(types(f, "dept_manager")).containsEntry("from_date", "String");
        assertAllEqual(f, config);
    }
}
