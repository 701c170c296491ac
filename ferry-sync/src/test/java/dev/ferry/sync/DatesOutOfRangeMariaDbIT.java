package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MariaDB tables from public samples whose dates ClickHouse 18.16's Date and DateTime cannot hold: the MySQL
 * employees sample (all 300,024 employees were born before 1970; managers' {@code to_date} is 9999-01-01 while
 * they are in office) and Chinook's {@code Employee} (DATETIME birth dates, 5 of 8 before 1970). Before, those
 * rows were dead letters; now such columns are text, columns that fit keep Date and DateTime, and the mapping
 * stays as it is for later incremental runs and validation.
 */
@FerryIntegrationTest
class DatesOutOfRangeMariaDbIT extends DatesOutOfRangeIT {

    @Test
    void employeesAndChinookArriveWholeAndStayStable(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE employees (emp_no INT NOT NULL, birth_date DATE NOT NULL, "
                        + "first_name VARCHAR(14) NOT NULL, last_name VARCHAR(16) NOT NULL, "
                        + "gender ENUM ('M','F','NB','T') NOT NULL, hire_date DATE NOT NULL, PRIMARY KEY (emp_no))",
                "INSERT INTO employees VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),"
                        + "(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21'),"
                        + "(10003,'1959-12-03','Parto','Bamford','M','1986-08-28'),"
                        + "(10004,'1954-05-01','Chirstian','Koblick','M','1986-12-01'),"
                        + "(10005,'1955-01-21','Kyoichi','Maliniak','M','1989-09-12')",
                "CREATE TABLE dept_manager (emp_no INT NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL, "
                        + "to_date DATE NOT NULL, PRIMARY KEY (emp_no, dept_no))",
                "INSERT INTO dept_manager VALUES (110022,'d001','1985-01-01','1991-10-01'),"
                        + "(110039,'d001','1991-10-01','9999-01-01'),(110085,'d002','1985-01-01','1989-12-17'),"
                        + "(110114,'d002','1989-12-17','9999-01-01')",
                // Chinook_MySql.sql's Employee, trimmed to the columns that matter here
                "CREATE TABLE `Employee` (`EmployeeId` INT NOT NULL, `LastName` NVARCHAR(20) NOT NULL, "
                        + "`FirstName` NVARCHAR(20) NOT NULL, `BirthDate` DATETIME, `HireDate` DATETIME, "
                        + "CONSTRAINT `PK_Employee` PRIMARY KEY (`EmployeeId`))",
                "INSERT INTO `Employee` VALUES (1, 'Adams', 'Andrew', '1962/2/18', '2002/8/14'),"
                        + "(2, 'Edwards', 'Nancy', '1958/12/8', '2002/5/1'),(3, 'Peacock', 'Jane', '1973/8/29', '2002/4/1'),"
                        + "(4, 'Park', 'Margaret', '1947/9/19', '2003/5/3'),(5, 'Johnson', 'Steve', '1965/3/3', '2003/10/17'),"
                        + "(6, 'Mitchell', 'Michael', '1973/7/1', '2003/10/17'),(7, 'King', 'Robert', '1970/5/29', '2004/1/2'),"
                        + "(8, 'Callahan', 'Laura', '1968/1/9', '2004/3/4')");
        Path config = f.config("my", "tables: [{name: employees, cursor: emp_no}, {name: dept_manager, cursor: emp_no}, "
                + "{name: Employee, cursor: EmployeeId}]\nmode: incremental\ncursor_lookback: 0");

        assertThat(outcome(sync(f, config, SyncOptions.DEFAULT))).containsOnly(
                entry(db.mariadb() + ".Employee", List.of("snapshot", 8L, 0L)),
                entry(db.mariadb() + ".dept_manager", List.of("snapshot", 4L, 0L)),
                entry(db.mariadb() + ".employees", List.of("snapshot", 5L, 0L)));
        assertThat(types(f, "employees")).containsEntry("birth_date", "String").containsEntry("hire_date", "Date");
        assertThat(types(f, "dept_manager")).containsEntry("from_date", "Date").containsEntry("to_date", "String");
        assertThat(types(f, "Employee")).containsEntry("BirthDate", "Nullable(String)")
                .containsEntry("HireDate", "Nullable(DateTime('UTC'))");
        assertThat(query(f, "SELECT EmployeeId, BirthDate, HireDate FROM Employee FINAL WHERE EmployeeId IN (4, 7) "
                + "ORDER BY EmployeeId")).containsExactly(List.of("4", "1947-09-19 00:00:00", "2003-05-03 00:00:00"),
                        List.of("7", "1970-05-29 00:00:00", "2004-01-02 00:00:00"));
        assertThat(query(f, "SELECT birth_date, hire_date FROM employees FINAL WHERE emp_no = 10001"))
                .containsExactly(List.of("1953-09-02", "1986-06-26"));
        assertAllEqual(f, config);

        // the next runs keep those types: nothing "changed type", new rows arrive as text
        f.mariadb("INSERT INTO employees VALUES (10006,'1953-04-20','Anneke','Preusig','F','1989-06-02')",
                "INSERT INTO dept_manager VALUES (110183,'d003','1985-01-01','1992-03-21')",
                "INSERT INTO `Employee` VALUES (9, 'Callahan', 'Laura', '2001/11/29', '2004/3/4')");
        assertThat(outcome(sync(f, config, SyncOptions.DEFAULT))).containsOnly(
                entry(db.mariadb() + ".Employee", List.of("incremental", 2L, 0L)),
                entry(db.mariadb() + ".dept_manager", List.of("incremental", 2L, 0L)),
                entry(db.mariadb() + ".employees", List.of("incremental", 2L, 0L)));
        assertThat(types(f, "Employee")).containsEntry("BirthDate", "Nullable(String)");
        assertAllEqual(f, config);

        // a hire date before 1970 arriving later does not fit the Date chosen for hire_date: a dead letter,
        // counted, until a full sync of the table decides again
        f.mariadb("INSERT INTO employees VALUES (10007,'1957-05-23','Tzvetan','Zielinski','F','1969-02-10')");
        assertThat(outcome(sync(f, config, new SyncOptions("employees", false)))).containsExactly(
                entry(db.mariadb() + ".employees", List.of("incremental", 1L, 1L)));
        assertThat(query(f, "SELECT row_key, error FROM _ferry_dead_letters WHERE source_table LIKE '%.employees'"))
                .containsExactly(List.of("10007",
                        "hire_date: date 1969-02-10 is outside ClickHouse Date's range 1970-01-01..2106-02-07"));
        assertThat(outcome(sync(f, config, new SyncOptions("employees", true)))).containsExactly(
                entry(db.mariadb() + ".employees", List.of("snapshot", 7L, 0L)));
        assertThat(types(f, "employees")).containsEntry("hire_date", "String");
        assertAllEqual(f, config);
    }
}
