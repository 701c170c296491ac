package dev.ferry.orchestrator.task.types;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@code type: sql} task as its DAG file declares it.
 *
 * @param connection the ClickHouse connection's name
 * @param statements the statements of {@code sql:}, split at parse time; empty when {@code file} is set
 * @param file       the script of {@code file:}, read when the task runs (so edits take effect without
 *                   re-importing the DAG): absolute when it was found next to the DAG file, else relative
 *                   to the work folder; null when {@code sql} is set
 * @param query      the last statement is a SELECT whose result becomes the task's output
 */
public record SqlSettings(String connection, List<String> statements, Path file, boolean query) {

    public SqlSettings {
        Objects.requireNonNull(connection, "connection");
        statements = List.copyOf(statements);
    }
}
