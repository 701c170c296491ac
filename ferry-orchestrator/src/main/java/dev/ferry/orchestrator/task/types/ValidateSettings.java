package dev.ferry.orchestrator.task.types;

import java.util.List;

/**
 * A {@code type: validate} task as its DAG file declares it: a source-vs-ClickHouse comparison of a
 * pipeline, SQL checks on a ClickHouse connection, or both.
 *
 * @param pipeline   the pipeline whose tables are compared with their sources, or null
 * @param tables     only these source tables of the pipeline; empty means all of them
 * @param connection the ClickHouse connection the checks run on; null when there are no checks
 * @param acceptDeadLetters a table whose only difference is rows that are all in the dead-letter table passes
 */
public record ValidateSettings(String pipeline, List<String> tables, String connection, List<SqlCheck> checks,
                               boolean acceptDeadLetters) {

    public ValidateSettings {
        tables = List.copyOf(tables);
        checks = List.copyOf(checks);
    }
}
