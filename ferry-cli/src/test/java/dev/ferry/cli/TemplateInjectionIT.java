package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two injections of issue 13, on a real ClickHouse and a real bash: a run parameter that is SQL
 * ({@code id=1 OR 1=1}) into a DELETE's WHERE, and one that is a command substitution into a shell command.
 * Written as the DAGs were (plain {@code {{ params.x }}}), they are refused; typed and quoted, the
 * values arrive as data.
 */
@FerryIntegrationTest
class TemplateInjectionIT {

    @TempDir
    Path dir;

    private Path config(TestDatabases db) throws IOException {
        ServerEndpoint ch = db.stack().clickhouse();
        Files.createDirectories(dir.resolve("dags"));
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  warehouse: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines: []
                """.formatted(ch.httpUrl(), db.clickhouse(), ch.user()));
        return file;
    }

    private void items(TestDatabases db) {
        db.clickhouseHttp().execute("CREATE TABLE " + db.clickhouse() + ".items (id UInt32, name String)"
                + " ENGINE = MergeTree ORDER BY id");
        db.clickhouseHttp().execute("INSERT INTO " + db.clickhouse() + ".items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }

    /** Rows left once ClickHouse has finished every mutation (ALTER ... DELETE runs in the background). */
    private int rows(TestDatabases db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!db.clickhouseHttp().execute("SELECT count() FROM system.mutations WHERE database = '"
                + db.clickhouse() + "' AND NOT is_done").trim().equals("0")) {
            assertThat(System.nanoTime()).as("mutations finish").isLessThan(deadline);
            Thread.sleep(50);
        }
        return Integer.parseInt(db.clickhouseHttp().execute("SELECT count() FROM " + db.clickhouse() + ".items")
                .trim());
    }

    @Test
    void sqlInjectionThroughAnUntypedParamIsRefused(TestDatabases db) throws Exception {
        String config = config(db).toString();
        items(db);
        Files.writeString(dir.resolve("dags/purge.yaml"), """
                id: purge
                tasks:
                  - id: delete
                    type: sql
                    connection: warehouse
                    sql: ALTER TABLE %s.items DELETE WHERE id = {{ params.id }}
                """.formatted(db.clickhouse()));
        CliRun run = CliRun.of("dags", "test", "purge", "--config", config, "--param", "id=1 OR 1=1");
        assertThat(rows(db)).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("import error");
        assertThat(CliRun.of("dags", "list-import-errors", "--config", config).out()).contains("purge.yaml")
                .contains("params.id is not declared").contains("| sql_string");
    }

    @Test
    void aTypedParamRefusesSqlAndDeletesOneRow(TestDatabases db) throws Exception {
        String config = config(db).toString();
        items(db);
        Files.writeString(dir.resolve("dags/purge.yaml"), """
                id: purge
                params:
                  id: {type: int}
                  name: {type: string, default: b}
                tasks:
                  - id: delete
                    type: sql
                    connection: warehouse
                    sql: ALTER TABLE %s.items DELETE WHERE id = {{ params.id }} OR name = {{ params.name | sql_string }}
                """.formatted(db.clickhouse()));
        CliRun refused = CliRun.of("dags", "test", "purge", "--config", config, "--param", "id=1 OR 1=1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("param id").contains("'1 OR 1=1'").contains("int");
        assertThat(rows(db)).isEqualTo(3);

        CliRun quoted = CliRun.of("dags", "test", "purge", "--config", config, "--param", "id=1", "--param",
                "name=x' OR '1'='1");
        assertThat(quoted.exitCode()).as(quoted.out() + quoted.err()).isZero();
        assertThat(rows(db)).isEqualTo(2);
        assertThat(db.clickhouseHttp().execute("SELECT groupArray(id) FROM (SELECT id FROM " + db.clickhouse()
                + ".items ORDER BY id)").trim()).isEqualTo("[2,3]");
    }

    @Test
    void shellInjectionThroughAnUntypedParamIsRefused(TestDatabases db) throws Exception {
        String config = config(db).toString();
        Files.writeString(dir.resolve("dags/greet.yaml"), """
                id: greet
                tasks:
                  - {id: say, type: shell, command: "echo {{ params.msg }}"}
                """);
        CliRun run = CliRun.of("dags", "test", "greet", "--config", config, "--param", "msg=$(id > pwned.txt)");
        assertThat(dir.resolve("pwned.txt")).as(run.out() + run.err()).doesNotExist();
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("import error");
        assertThat(CliRun.of("dags", "list-import-errors", "--config", config).out()).contains("greet.yaml")
                .contains("params.msg is not declared").contains("| shell");
    }

    @Test
    void aQuotedShellParamAndItsVariableArriveAsText(TestDatabases db) throws Exception {
        String config = config(db).toString();
        Files.writeString(dir.resolve("dags/greet.yaml"), """
                id: greet
                params:
                  msg: {type: string}
                tasks:
                  - id: say
                    type: shell
                    command: echo quoted={{ params.msg | shell }} variable="$FERRY_PARAM_MSG"
                """);
        String value = "$(id > pwned.txt)'; id > pwned2.txt; echo '`id`";
        CliRun run = CliRun.of("dags", "test", "greet", "--config", config, "--param", "msg=" + value);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("quoted=" + value + " variable=" + value);
        assertThat(dir.resolve("pwned.txt")).doesNotExist();
        assertThat(dir.resolve("pwned2.txt")).doesNotExist();
    }
}
