package dev.ferry.orchestrator.task.types;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.task.TaskTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Task settings read the way DAG import reads them: through a DAG file and the parser. */
final class DagText {

    private DagText() {
    }

    /** Writes {@code dag.yaml} in {@code dir} with one task {@code t} of the given fields (YAML, unindented). */
    static Dag parse(Path dir, String taskFields) {
        return parse(dir, "", taskFields);
    }

    /** @param params the DAG's {@code params:} section (YAML, unindented), which templates of the task refer to */
    static Dag parse(Path dir, String params, String taskFields) {
        String indented = taskFields.strip().lines().map(line -> "    " + line).reduce("", (a, b) -> a + b + "\n");
        Path file = dir.resolve("dag.yaml");
        try {
            String declared = params.isBlank() ? "" : "params:\n" + params.strip().lines()
                    .map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
            Files.writeString(file, "id: d\n" + declared + "tasks:\n  - id: t\n" + indented);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DagParser(TaskTypes.standard()).parse(file);
    }

    @SuppressWarnings("unchecked")
    static <S> S settings(Path dir, String taskFields) {
        return (S) parse(dir, taskFields).task("t").orElseThrow().settings();
    }

    @SuppressWarnings("unchecked")
    static <S> S settings(Path dir, String params, String taskFields) {
        return (S) parse(dir, params, taskFields).task("t").orElseThrow().settings();
    }
}
