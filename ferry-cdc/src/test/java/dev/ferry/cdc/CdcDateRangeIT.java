package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CDC target whose date columns had to become text on ClickHouse 18.16 (the MySQL employees sample: every
 * birth date is before 1970) keeps that type: streamed changes, a restart and a column added later all work
 * with the table as it is, instead of seeing a "type change" (docs/type-mapping.md). Before, every row of the
 * table was a dead letter.
 */
@FerryIntegrationTest
class CdcDateRangeIT {

    private static final String COLUMNS = "emp_no, birth_date, hire_date";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void employeesBornBefore1970StreamAndRestartWithoutATypeChange(SourceDb.Kind kind, TestDatabases db)
            throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        source.execute("CREATE TABLE employees (emp_no int PRIMARY KEY, birth_date date NOT NULL, "
                        + "first_name varchar(14) NOT NULL, hire_date date NOT NULL)",
                "INSERT INTO employees VALUES (10001, '1953-09-02', 'Georgi', '1986-06-26'), "
                        + "(10002, '1964-06-02', 'Bezalel', '1985-11-21'), (10003, '1959-12-03', 'Parto', '1986-08-28')");
        FerryConfig config = config(db, source, ch);
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(),
                ch.user(), ch.password()))) {
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(source, gateway, runner, COLUMNS);
                source.execute("INSERT INTO employees VALUES (10004, '1954-05-01', 'Chirstian', '1986-12-01')",
                        "UPDATE employees SET birth_date = '1953-09-03' WHERE emp_no = 10001");
                awaitEqual(source, gateway, runner, COLUMNS);
            }
            assertThat(types(gateway)).containsEntry("birth_date", "String").containsEntry("hire_date", "Date");

            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                source.execute("INSERT INTO employees VALUES (10005, '1955-01-21', 'Kyoichi', '1989-09-12')",
                        "ALTER TABLE employees ADD COLUMN left_on date",
                        "INSERT INTO employees VALUES (10006, '1953-04-20', 'Anneke', '1989-06-02', '1969-12-31')");
                awaitEqual(source, gateway, runner, COLUMNS + ", left_on");
            }
            assertThat(types(gateway)).containsEntry("birth_date", "String").containsEntry("hire_date", "Date")
                    .containsEntry("left_on", "Nullable(String)");
            assertThat(gateway.queryLong("SELECT count() FROM _ferry_dead_letters")).isZero();
        } finally {
            source.dropSlot(PostgresCdcSource.slotName(db.name()));
        }
    }

    private FerryConfig config(TestDatabases db, SourceDb source, ServerEndpoint ch) throws Exception {
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                    batch: {interval: 200ms}
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), source.qualified("employees")));
        return ConfigLoader.load(file, Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD",
                ch.password()));
    }

    private static Map<String, String> types(ClickHouseGateway gateway) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        gateway.queryAll("SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = "
                + "'employees'").forEach(r -> types.put(r.get(0), r.get(1)));
        return types;
    }

    /** Waits until ClickHouse's current rows show what the source has, as text. */
    private static void awaitEqual(SourceDb source, ClickHouseGateway gateway, CdcRunner runner, String columns)
            throws Exception {
        List<List<String>> expected = source.rows("SELECT " + columns + " FROM employees ORDER BY emp_no");
        String chColumns = String.join(", ", java.util.Arrays.stream(columns.split(", "))
                .map(c -> "toString(" + c + ")").toList());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(runner.failure()).as(() -> String.valueOf(runner.failure())).isNull();
            try {
                actual = gateway.queryAll("SELECT " + chColumns + " FROM employees_current ORDER BY emp_no");
            } catch (RuntimeException notYet) {
                actual = List.of(List.of(String.valueOf(notYet.getMessage()))); // the column is not there yet
            }
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(actual).isEqualTo(expected);
    }
}
