package dev.ferry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A table a pipeline lists by name, with its per-table settings.
 *
 * @param name           qualified as {@code schema.table} (for MySQL the schema is the database)
 * @param cursor         column tracking changes for incremental runs, or null to use the pipeline's
 * @param orderBy        ClickHouse ORDER BY columns, empty to let Ferry derive them from the primary key
 * @param partitionBy    ClickHouse PARTITION BY expression, or null for none
 * @param cursorLookback the table's own {@code cursor_lookback}, or null to use the pipeline's
 * @param nullCursor     the table's own {@code null_cursor}, or null to use the pipeline's
 * @param maxDeadLetters the table's own {@code max_dead_letters}, or null to use the pipeline's
 */
public record TableSelection(String name, String cursor, List<String> orderBy, String partitionBy,
                             CursorLookback cursorLookback, NullCursorRule nullCursor,
                             DeadLetterLimit maxDeadLetters) {

    public TableSelection {
        Objects.requireNonNull(name, "name");
        orderBy = List.copyOf(orderBy);
    }

    /** A table without rules of its own. */
    public TableSelection(String name, String cursor, List<String> orderBy, String partitionBy) {
        this(name, cursor, orderBy, partitionBy, null, null, null);
    }
}
