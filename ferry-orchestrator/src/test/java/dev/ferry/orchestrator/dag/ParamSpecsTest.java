package dev.ferry.orchestrator.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigException;
import dev.ferry.orchestrator.task.TaskTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamSpecsTest {

    @TempDir
    Path dir;

    private Dag parse(String text) throws Exception {
        Path file = dir.resolve("d.yaml");
        Files.writeString(file, text);
        return new DagParser(TaskTypes.standard()).parse(file);
    }

    private static final String TYPED = """
            id: d
            params:
              days: 7
              day: {type: date, default: 2026-01-31}
              table: {type: string, pattern: "[a-z_]+", default: events}
              mode: {type: enum, values: [full, incremental], default: full}
              id: {type: int}
            tasks:
              - id: t
                type: sql
                connection: warehouse
                sql: >-
                  SELECT * FROM {{ params.table | sql_identifier }} WHERE id = {{ params.id }}
                  AND day = '{{ params.day }}' AND mode = '{{ params.mode }}' LIMIT {{ params.days }}
            """;

    @Test
    void triggersAreCheckedAgainstTheDeclaredTypes() throws Exception {
        ParamSpecs specs = parse(TYPED).paramSpecs();
        assertThat(specs.resolve("d", Map.of("id", "42"))).isEqualTo(Map.of("days", 7L, "day", "2026-01-31",
                "table", "events", "mode", "full", "id", 42L));
        assertThatThrownBy(() -> specs.resolve("d", Map.of("id", "1 OR 1=1", "day", "2026-02-30", "table",
                "x; DROP", "mode", "fast", "other", "1")))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("unknown param 'other'")
                .hasMessageContaining("param id: '1 OR 1=1' is not an int")
                .hasMessageContaining("param day: '2026-02-30' is not a date")
                .hasMessageContaining("param table: 'x; DROP' is not a string matching [a-z_]+")
                .hasMessageContaining("param mode: 'fast' is not one of full, incremental");
        assertThatThrownBy(() -> specs.resolve("d", Map.of())).hasMessageContaining("param id has no default");
    }

    @Test
    void unquotedStringsUndeclaredParamsAndBadDeclarationsAreImportErrors() {
        assertThatThrownBy(() -> parse("""
                id: d
                schedule: "@daily"
                params:
                  name: x
                  needed: {type: int}
                  n: {type: number}
                  e: {type: enum}
                  i: {type: int, default: abc}
                tasks:
                  - {id: a, type: sql, connection: w, sql: "SELECT '{{ params.name }}'"}
                  - {id: b, type: shell, command: "echo {{ params.other }}"}
                  - {id: c, type: shell, command: "echo {{ params.name | sql_string }} {{ ds | upper }}"}
                  - {id: d, type: shell, args: [echo, "{{ params.name }}"]}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("params.name is a string param in SQL")
                .hasMessageContaining("params.other is not declared")
                .hasMessageContaining("does not quote for the shell")
                .hasMessageContaining("unknown filter 'upper'")
                .hasMessageContaining("unknown param type 'number'")
                .hasMessageContaining("an enum param needs values")
                .hasMessageContaining("the default does not fit")
                .hasMessageContaining("a scheduled DAG needs a default for every param")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tasks[3]"));
    }
}
