package dev.ferry.core.config;

import static dev.ferry.core.config.ConfigFiles.CONNECTIONS;
import static dev.ferry.core.config.ConfigFiles.lineOf;
import static dev.ferry.core.config.ConfigFiles.loadFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigProblemsTest {

    @TempDir
    Path dir;

    private static String pipeline(String body) {
        return CONNECTIONS + "pipelines:\n  - name: shop\n" + body.indent(4);
    }

    @Test
    void unknownFieldSuggestsTheClosestOneAtItsLine() {
        String yaml = """
                connections:
                  pg:
                    type: postgres
                    host: db
                    database: shop
                    user: ferry
                    passwrd: "${env:PG_PASSWORD}"
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e).hasMessage(dir.resolve("ferry.yaml") + ":" + lineOf(yaml, "passwrd")
                + ": connections.pg.passwrd: unknown field 'passwrd'; did you mean 'password'?");
    }

    @Test
    void unknownFieldFarFromAnyListsTheKnownOnes() {
        ConfigException e = loadFails(dir, CONNECTIONS + "colour: blue\n");

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown field 'colour'; known fields: state_dir, allow_plaintext_secrets, connections, pipelines, orchestrator");
    }

    @Test
    void unknownConnectionListsTheOnesOfTheRightType() {
        String yaml = pipeline("""
                source: {connection: shop, tables: [public.users]}
                target: {connection: warehouse}
                """);
        ConfigException e = loadFails(dir, yaml);

        assertThat(e).hasMessage(dir.resolve("ferry.yaml") + ":" + lineOf(yaml, "connection: shop,")
                + ": pipelines[0].source.connection: unknown connection 'shop'; defined connections: shop_pg, legacy");
    }

    @Test
    void sourceAndTargetNeedConnectionsOfTheirType() {
        String yaml = pipeline("""
                source: {connection: warehouse, tables: [public.users]}
                target: {connection: shop_pg}
                """);
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::line, ConfigProblem::message)
                .containsExactly(
                        tuple("pipelines[0].source.connection", lineOf(yaml, "source:"),
                                "connection 'warehouse' is clickhouse, but a source needs mysql or postgres;"
                                        + " defined connections: shop_pg, legacy"),
                        tuple("pipelines[0].target.connection", lineOf(yaml, "target:"),
                                "connection 'shop_pg' is postgres, but a target needs clickhouse;"
                                        + " defined connections: warehouse"));
    }

    @Test
    void incrementalTablesNeedACursor() {
        String yaml = pipeline("""
                source:
                  connection: shop_pg
                  tables:
                    - public.users
                    - {name: public.orders, cursor: updated_at}
                target: {connection: warehouse}
                mode: incremental
                """);
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("pipelines[0].source.tables[0]");
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "- public.users"));
            assertThat(problem.message()).isEqualTo(
                    "incremental mode needs a cursor column: set cursor on the table or on the pipeline");
        });
    }

    @Test
    void badScalarValuesNameWhatIsExpected() {
        String yaml = """
                connections:
                  pg: {type: postgres, host: db, port: abc, database: shop, user: ferry}
                  ch: {type: clickhouse, host: ch, user: ferry}
                pipelines:
                  - name: shop
                    source: {connection: pg, include: ["*"]}
                    target: {connection: ch, engine: TinyLog}
                    mode: sometimes
                    cursor_lookback: 5 minutes
                    parallelism: 0
                    chunk_rows: -1
                    batch: {rows: 10, bytes: 64 parsecs, interval: 0s}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("connections.pg.port", "expected a whole number from 1 to 65535, got 'abc'"),
                tuple("pipelines[0].target.engine",
                        "expected one of auto, ReplacingMergeTree, MergeTree, got 'TinyLog'"),
                tuple("pipelines[0].mode", "expected one of snapshot, incremental, cdc, stream, got 'sometimes'"),
                tuple("pipelines[0].cursor_lookback",
                        "expected auto, a duration such as 30s, 5m or 1h (date/time cursors) or a number of cursor"
                                + " units such as 1000 (numeric cursors), got '5 minutes'"),
                tuple("pipelines[0].parallelism", "expected a whole number from 1 to 64, got '0'"),
                tuple("pipelines[0].chunk_rows", "expected a whole number of at least 1, got '-1'"),
                tuple("pipelines[0].batch.bytes",
                        "expected a size such as 65536, 512KB, 64MB or 1GB (more than zero), got '64 parsecs'"),
                tuple("pipelines[0].batch.interval",
                        "expected a duration such as 500ms, 30s, 5m, 1h or 2d (more than zero), got '0s'"));
        assertThat(e.problems()).extracting(ConfigProblem::line)
                .containsExactly(2, 7, 8, 9, 10, 11, 12, 12);
    }

    @Test
    void incrementalRulesAreCheckedWhereTheyAreSet() {
        String yaml = pipeline("""
                source:
                  connection: shop_pg
                  tables:
                    - {name: public.orders, cursor_lookback: -5, null_cursor: skip, max_dead_letters: 1.5}
                    - {name: public.items, max_dead_letters: 101%}
                target: {connection: warehouse}
                mode: incremental
                cursor: updated_at
                null_cursor: ignore
                max_dead_letters: lots
                """);
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::line, ConfigProblem::message)
                .containsExactly(
                        tuple("pipelines[0].source.tables[0].cursor_lookback", lineOf(yaml, "name: public.orders"),
                                "expected auto, a duration such as 30s, 5m or 1h (date/time cursors) or a number of"
                                        + " cursor units such as 1000 (numeric cursors), got '-5'"),
                        tuple("pipelines[0].source.tables[0].null_cursor", lineOf(yaml, "name: public.orders"),
                                "expected one of include_on_full, error, got 'skip'"),
                        tuple("pipelines[0].source.tables[0].max_dead_letters", lineOf(yaml, "name: public.orders"),
                                "expected a number of rows such as 0 or 100, or a percentage of the rows read from 0%"
                                        + " to 100% such as 1%, got '1.5'"),
                        tuple("pipelines[0].source.tables[1].max_dead_letters", lineOf(yaml, "name: public.items"),
                                "expected a number of rows such as 0 or 100, or a percentage of the rows read from 0%"
                                        + " to 100% such as 1%, got '101%'"),
                        tuple("pipelines[0].null_cursor", lineOf(yaml, "null_cursor: ignore"),
                                "expected one of include_on_full, error, got 'ignore'"),
                        tuple("pipelines[0].max_dead_letters", lineOf(yaml, "max_dead_letters: lots"),
                                "expected a number of rows such as 0 or 100, or a percentage of the rows read from 0%"
                                        + " to 100% such as 1%, got 'lots'"));
    }

    @Test
    void rulesOutsideTheirModesAreReported() {
        String yaml = CONNECTIONS + """
                  events: {type: kafka, bootstrap: "127.0.0.1:9092"}
                pipelines:
                  - name: shop
                    source: {connection: shop_pg, tables: [{name: public.orders, null_cursor: error}]}
                    target: {connection: warehouse}
                    max_dead_letters: 10
                  - name: sensors
                    source: {connection: events, topics: [readings], columns: [{name: id, type: int64}]}
                    target: {connection: warehouse, table: readings}
                    mode: stream
                    max_dead_letters: 10
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("pipelines[0].source.tables[0].null_cursor",
                        "only incremental pipelines have a cursor; null_cursor applies to mode: incremental"),
                tuple("pipelines[1].max_dead_letters", "stream pipelines count their dead letters in ferry stream's"
                        + " status; max_dead_letters applies to snapshot, incremental and cdc pipelines"));
    }

    @Test
    void duplicatePipelineNamesPointToTheFirst() {
        String yaml = CONNECTIONS + """
                pipelines:
                  - {name: shop, source: {connection: shop_pg, include: ["*"]}, target: {connection: warehouse}}
                  - {name: shop, source: {connection: shop_pg, include: ["*"]}, target: {connection: warehouse}}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("pipelines[1].name");
            assertThat(problem.line()).isEqualTo(7);
            assertThat(problem.message()).isEqualTo("duplicate pipeline name 'shop'; first defined at line 6");
        });
    }

    @Test
    void reportsEveryProblemAtOnceInFileOrder() {
        String yaml = """
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: "${env:NOPE}"}
                  ch: {type: clikhouse, url: "http://ch:8123", user: ferry}
                pipelines:
                  - name: "bad name"
                    source: {connection: pg}
                    target: {connection: ch, databse: x}
                  - name: other
                    source: {connection: pg, tables: [users]}
                    target: {connection: nowhere}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(2, 3, 5, 6, 7, 9, 10);
        assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly(
                "connections.pg.password", "connections.ch.type", "pipelines[0].name", "pipelines[0].source.tables",
                "pipelines[0].target.databse", "pipelines[1].source.tables[0]", "pipelines[1].target.connection");
        assertThat(e.getMessage().split("\n")).hasSize(7)
                .allSatisfy(line -> assertThat(line).startsWith(dir.resolve("ferry.yaml") + ":"));
    }

    @Test
    void yamlSyntaxErrorsHaveTheirLine() {
        ConfigException e = loadFails(dir, """
                connections:
                  pg: {type: postgres
                  ch: [
                """);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).isEqualTo(
                    "invalid YAML: while parsing a flow mapping started at line 2, expected ',' or '}', but got :");
        });
        assertThat(e.getMessage()).startsWith(dir.resolve("ferry.yaml") + ":3: invalid YAML: ");
    }

    @Test
    void missingFileCannotBeRead() {
        Path missing = dir.resolve("absent.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing));

        assertThat(e).hasMessage(missing + ": cannot read config: no such file");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(loadFails(dir, "- just\n- a list\n").getMessage())
                .endsWith(":1: expected a mapping with connections and pipelines at the top, got a list");
        assertThat(loadFails(dir, "# nothing yet\n").getMessage())
                .endsWith(":1: the file is empty; expected connections and pipelines");
    }

    @Test
    void structureMustHaveTheRightKinds() {
        String yaml = """
                connections: [pg]
                pipelines: {name: shop}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("connections", "expected a mapping, got a list"),
                tuple("pipelines", "expected a list, got a mapping"));
    }

    @Test
    void connectionsNeedTheirRequiredFields() {
        String yaml = """
                connections:
                  pg: {type: postgres, port: 70000}
                  ch: {type: clickhouse, url: "ftp://ch", host: ch, user: ferry}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactlyInAnyOrder(
                tuple("connections.pg.user", "required field is missing"),
                tuple("connections.pg.host", "required field is missing"),
                tuple("connections.pg.database", "required field is missing"),
                tuple("connections.pg.port", "expected a whole number from 1 to 65535, got '70000'"),
                tuple("connections.ch.url", "set either url or host and port, not both"),
                tuple("connections.ch.url",
                        "expected an http:// or https:// URL such as http://127.0.0.1:8123"));
    }

    @Test
    void duplicateFieldsAndTablesAreReported() {
        String yaml = pipeline("""
                source: {connection: shop_pg, tables: [public.users, public.users, users]}
                target: {connection: warehouse}
                parallelism: 1
                parallelism: 2
                """);
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("pipelines[0].source.tables[1]",
                        "table public.users is listed twice; first at line " + lineOf(yaml, "source:")),
                tuple("pipelines[0].source.tables[2]",
                        "expected schema.table such as public.users, got 'users'"),
                tuple("pipelines[0].parallelism",
                        "duplicate field; first set at line " + lineOf(yaml, "parallelism: 1")));
    }

    @Test
    void streamPipelinesNameEveryWrongSetting() {
        String yaml = CONNECTIONS + """
                  events: {type: kafka, bootstrap: "127.0.0.1:9092"}
                pipelines:
                  - name: sensors
                    mode: stream
                    source:
                      connection: events
                      topics: [a]
                      topic_pattern: "b.*"
                      format: xml
                      columns:
                        - {name: id, type: integer}
                        - {name: id, type: int64, pattern: "("}
                    target: {connection: warehouse}
                  - name: copy
                    source: {connection: events, include: ["*"]}
                    target: {connection: warehouse, table: t}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).contains(
                tuple("pipelines[0].source.topics", "give either topics or topic_pattern"),
                tuple("pipelines[0].source.format", "expected one of json, csv, debezium, got 'xml'"),
                tuple("pipelines[0].source.columns[0].type", "expected string, int32, int64, float64, decimal(P,S), "
                        + "boolean, timestamp or date, got 'integer'"),
                tuple("pipelines[0].source.columns[1].name", "column id is listed twice"),
                tuple("pipelines[0].target.table", "required field is missing"),
                tuple("pipelines[1].target.table", "only stream pipelines name their table; tables of other "
                        + "pipelines are named after the source tables"));
        assertThat(e.problems()).extracting(ConfigProblem::field).contains("pipelines[0].source.columns[1].pattern",
                "pipelines[1].source.connection");
    }

    @Test
    void inferredColumnsNeedJsonAndNoEnrichment() {
        String yaml = CONNECTIONS + """
                  events: {type: kafka, bootstrap: "127.0.0.1:9092"}
                pipelines:
                  - name: lines
                    mode: stream
                    source: {connection: events, topics: [a], format: csv, columns: auto}
                    target: {connection: warehouse, table: t}
                  - name: enriched
                    mode: stream
                    source:
                      connection: events
                      topics: [b]
                      columns: auto
                      enrich: [{table: d.products, key: product_id, columns: [{name: c, type: string}]}]
                    target: {connection: warehouse, table: u}
                  - name: fine
                    mode: stream
                    source: {connection: events, topics: [c], columns: auto, infer_sample: 20}
                    target: {connection: warehouse, table: v}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("pipelines[0].source.columns", "columns: auto works with format json only (CSV has no field"
                        + " names, Debezium events are upserted by key); list the columns"),
                tuple("pipelines[1].source.enrich", "enrich needs its key among listed columns; list the columns"
                        + " instead of columns: auto"));
    }
}
