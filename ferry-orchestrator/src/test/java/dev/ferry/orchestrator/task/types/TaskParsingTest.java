package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.ConfigException;
import dev.ferry.orchestrator.task.TaskTypes;
import dev.ferry.orchestrator.task.types.HttpSettings.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each type reads from a DAG file, and the problems it reports there. */
class TaskParsingTest {

    @TempDir
    Path dir;

    private void assertProblem(String taskFields, String... expected) {
        assertThatThrownBy(() -> DagText.parse(dir, taskFields)).isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    for (String message : expected) {
                        assertThat(e.getMessage()).contains(message);
                    }
                });
    }

    @Test
    void everyBuiltInTypeIsRegistered() {
        assertThat(TaskTypes.standard().names()).containsExactly("sql", "validate", "check_connections", "http",
                "shell", "sync");
    }

    @Test
    void sqlSplitsInlineScriptsAndFindsFilesNextToTheDag() throws Exception {
        SqlSettings inline = DagText.settings(dir, """
                type: sql
                connection: ch
                sql: "CREATE TABLE a (x String) ENGINE = Memory; INSERT INTO a VALUES ('1;2')"
                """);
        assertThat(inline.statements()).containsExactly("CREATE TABLE a (x String) ENGINE = Memory",
                "INSERT INTO a VALUES ('1;2')");
        assertThat(inline.query()).isFalse();

        SqlSettings list = DagText.settings(dir, "type: sql\nconnection: ch\nsql: [SELECT 1, 'SELECT 2; SELECT 3']\n"
                + "query: true");
        assertThat(list.statements()).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(list.query()).isTrue();

        Files.writeString(dir.resolve("refresh.sql"), "SELECT 1");
        SqlSettings file = DagText.settings(dir, "type: sql\nconnection: ch\nfile: refresh.sql");
        assertThat(file.file()).isEqualTo(dir.toAbsolutePath().resolve("refresh.sql"));
        SqlSettings elsewhere = DagText.settings(dir, "type: sql\nconnection: ch\nfile: sql/later.sql");
        assertThat(elsewhere.file()).isEqualTo(Path.of("sql/later.sql"));
    }

    @Test
    void sqlProblems() {
        assertProblem("type: sql\nsql: SELECT 1", "tasks[0].connection: required field is missing");
        assertProblem("type: sql\nconnection: ch\nsql: SELECT 1\nfile: a.sql", "set either sql or file, not both");
        assertProblem("type: sql\nconnection: ch", "set sql: (statements, separated by ;) or file:");
        assertProblem("type: sql\nconnection: ch\nsql: \"SELECT 'open\"", "string opened with ' on line 1 is never closed");
        assertProblem("type: sql\nconnection: ch\nsql: '-- nothing'", "tasks[0].sql: holds no statement");
        assertProblem("type: sql\nconnection: ch\nsql: SELECT 1\nquery: maybe", "expected true or false");
        assertProblem("type: sql\nconnection: ch\nsql: SELECT 1\nstatement: x", "tasks[0].statement");
    }

    @Test
    void validateReadsPipelineAndChecks() {
        ValidateSettings settings = DagText.settings(dir, """
                type: validate
                pipeline: shop
                tables: [public.orders]
                connection: ch
                checks:
                  - {name: loaded, sql: "SELECT count() FROM products;", expect: "> 0"}
                  - {name: categories, sql: SELECT DISTINCT category FROM products, rows: 5}
                  - {name: no_bad_prices, sql: SELECT id FROM products WHERE price <= 0, expect: no_rows}
                  - {name: exact, sql: SELECT 100, expect: 100}
                """);
        assertThat(settings.pipeline()).isEqualTo("shop");
        assertThat(settings.tables()).containsExactly("public.orders");
        assertThat(settings.acceptDeadLetters()).isFalse();
        assertThat(DagText.<ValidateSettings>settings(dir, "type: validate\npipeline: shop\naccept_dead_letters: true")
                .acceptDeadLetters()).isTrue();
        assertThat(settings.connection()).isEqualTo("ch");
        assertThat(settings.checks()).extracting(SqlCheck::name)
                .containsExactly("loaded", "categories", "no_bad_prices", "exact");
        assertThat(settings.checks().get(0).sql()).isEqualTo("SELECT count() FROM products");
        assertThat(settings.checks().get(1).expect()).isEqualTo("rows = 5");
        assertThat(settings.checks().get(3).expectation(text -> text).holds("100")).isTrue();

        ValidateSettings templated = DagText.settings(dir, "type: validate\nconnection: ch\nchecks:\n"
                + "  - {name: same, sql: SELECT count() FROM t, expect: \">= {{ tasks.fetch.records }}\"}");
        SqlCheck same = templated.checks().get(0);
        assertThat(same.expectation(text -> text.replace("{{ tasks.fetch.records }}", "7")).holds("7")).isTrue();
    }

    @Test
    void validateProblems() {
        assertProblem("type: validate", "a validate task needs pipeline:");
        assertProblem("type: validate\nchecks: [{name: a, sql: SELECT 1, expect: '> 0'}]",
                "tasks[0].connection: required field is missing");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: 'about 5'}]",
                "tasks[0].checks[0].expect", "expected a comparison such as");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: '> x'}]",
                "'x' is not a number");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: '{{ ds }} or so'}]",
                "tasks[0].checks[0].expect", "expected a comparison such as");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1}]",
                "tasks[0].checks[0].expect: required field is missing");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: 1, rows: 1}]",
                "set either expect or rows, not both");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: 'SELECT 1; SELECT 2', expect: 1}]",
                "a check runs one query; found 2 statements");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: 1},"
                + " {name: a, sql: SELECT 2, expect: 2}]", "duplicate check name 'a'");
        assertProblem("type: validate\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: 1, when: x}]",
                "tasks[0].checks[0].when");
        assertProblem("type: validate\ntables: [a]\nconnection: ch\nchecks: [{name: a, sql: SELECT 1, expect: 1}]",
                "tables choose tables of a pipeline");
        assertProblem("type: validate\naccept_dead_letters: true\nconnection: ch\nchecks: [{name: a, sql: SELECT 1,"
                + " expect: 1}]", "tasks[0].accept_dead_letters: accept_dead_letters is about a pipeline's tables");
        assertProblem("type: validate\npipeline: shop\naccept_dead_letters: maybe",
                "tasks[0].accept_dead_letters: expected true or false, got 'maybe'");
    }

    @Test
    void checkConnectionsDefaultsToAllWithATimeout() {
        CheckConnectionsSettings all = DagText.settings(dir, "type: check_connections");
        assertThat(all).isEqualTo(new CheckConnectionsSettings(List.of(), CheckConnectionsTask.DEFAULT_TIMEOUT));
        CheckConnectionsSettings some = DagText.settings(dir, "type: check_connections\nconnections: [pg, ch]\n"
                + "connect_timeout: 3s");
        assertThat(some).isEqualTo(new CheckConnectionsSettings(List.of("pg", "ch"), Duration.ofSeconds(3)));
        assertProblem("type: check_connections\nconnect_timeout: soon", "expected a duration");
    }

    @Test
    void httpReadsRequestAndTarget() {
        HttpSettings settings = DagText.settings(dir, """
                type: http
                url: https://api.example.com/v1/rates
                headers: {Authorization: "Bearer ${env:API_TOKEN}"}
                params: {date: "{{ ds }}", key: "${env:API_KEY}"}
                body: {query: rates, limit: 10}
                records: data.items
                connection: ch
                table: ext.rates
                mode: replace
                create_table: true
                request_timeout: 5s
                """);
        assertThat(settings.method()).isEqualTo("POST");
        assertThat(settings.body()).isEqualTo("{\"query\":\"rates\",\"limit\":10}");
        assertThat(settings.params()).isEqualTo(Map.of("date", "{{ ds }}", "key", "${env:API_KEY}"));
        assertThat(settings.table()).isEqualTo(new HttpSettings.TableName("ext", "rates"));
        assertThat(settings.mode()).isEqualTo(Mode.REPLACE);
        assertThat(settings.createTable()).isTrue();
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.toString()).doesNotContain("API_TOKEN");

        HttpSettings get = DagText.settings(dir, "type: http\nurl: http://x/y\nconnection: ch\ntable: t");
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.mode()).isEqualTo(Mode.APPEND);
        assertThat(get.table()).isEqualTo(new HttpSettings.TableName(null, "t"));
    }

    @Test
    void httpProblems() {
        assertProblem("type: http\nurl: http://x\ntable: t", "tasks[0].connection: required field is missing");
        assertProblem("type: http\nurl: http://x\nconnection: ch\ntable: t\nmethod: GET\nbody: '{}'",
                "a GET request has no body");
        assertProblem("type: http\nurl: http://x\nconnection: ch\ntable: t\nheaders: {X-Key: '${vault:k}'}",
                "tasks[0].headers.X-Key: unsupported reference");
        assertProblem("type: http\nurl: http://x\nconnection: ch\ntable: t\nmode: upsert",
                "expected one of");
        assertProblem("type: http\nurl: http://x\nconnection: ch\ntable: t\nheaders: {Accept: }",
                "tasks[0].headers.Accept: expected a value");
    }

    @Test
    void shellReadsCommandOrArgs() {
        ShellSettings command = DagText.settings(dir, "type: shell\ncommand: echo {{ ds }}\nenv: {MODE: fast}\n"
                + "output: json");
        assertThat(command.command()).isEqualTo("echo {{ ds }}");
        assertThat(command.env()).isEqualTo(Map.of("MODE", "fast"));
        assertThat(command.json()).isTrue();
        ShellSettings args = DagText.settings(dir, "type: shell\nargs: [python3, load.py, --day, '{{ ds }}']\n"
                + "cwd: scripts");
        assertThat(args.args()).containsExactly("python3", "load.py", "--day", "{{ ds }}");
        assertThat(args.cwd()).isEqualTo("scripts");
        assertThat(args.json()).isFalse();
    }

    @Test
    void shellProblems() {
        assertProblem("type: shell", "set command: (a bash command line) or args:");
        assertProblem("type: shell\ncommand: ls\nargs: [ls]", "set either command or args, not both");
        assertProblem("type: shell\nargs: []", "the list is empty");
        assertProblem("type: shell\ncommand: ls\noutput: xml", "expected one of");
    }

    @Test
    void syncReadsPipelineAndTables() {
        SyncSettings settings = DagText.settings(dir, "type: sync\npipeline: shop\ntables: [public.orders]\nfull: true");
        assertThat(settings).isEqualTo(new SyncSettings("shop", List.of("public.orders"), true));
        assertThat((SyncSettings) DagText.settings(dir, "type: sync\npipeline: shop\ntables: public.orders"))
                .isEqualTo(new SyncSettings("shop", List.of("public.orders"), false));
        assertProblem("type: sync", "tasks[0].pipeline: required field is missing");
        assertProblem("type: sync\npipeline: shop\nmode: cdc", "tasks[0].mode");
    }
}
