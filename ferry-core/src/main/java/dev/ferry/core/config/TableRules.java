package dev.ferry.core.config;

import java.util.Objects;

/**
 * A table's incremental and dead-letter rules: its own settings where it has them, else its pipeline's.
 *
 * @param cursorLookback      how far behind the mark incremental runs read again
 * @param lookbackOnTable     the lookback was set on the table itself (a value of the wrong kind for its
 *                            cursor is then an error; a pipeline-wide value applies only to cursors of its kind)
 * @param nullCursor          what to do with rows whose cursor is NULL
 * @param maxDeadLetters      how many dead letters a run of the table may produce before it fails
 */
public record TableRules(CursorLookback cursorLookback, boolean lookbackOnTable, NullCursorRule nullCursor,
                         DeadLetterLimit maxDeadLetters) {

    public TableRules {
        Objects.requireNonNull(cursorLookback, "cursorLookback");
        Objects.requireNonNull(nullCursor, "nullCursor");
        Objects.requireNonNull(maxDeadLetters, "maxDeadLetters");
    }
}
