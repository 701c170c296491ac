package dev.ferry.core.config;

import dev.ferry.core.schema.TableId;
import java.util.Objects;
import java.util.Optional;

/**
 * One named pipeline: what to copy from where to where, and how.
 *
 * @param cursor         default cursor column for incremental tables that name none, or null
 * @param cursorLookback how far behind the last seen cursor value an incremental run starts again, to catch
 *                       rows committed late with an older cursor value (tables may set their own)
 * @param nullCursor     what incremental tables do with rows whose cursor is NULL (tables may set their own)
 * @param maxDeadLetters dead letters a run of a table may produce before the run fails (tables may set their own)
 * @param chunkRows      rows per snapshot chunk
 * @param stream         what a {@code mode: stream} pipeline reads from Kafka; null for other modes
 */
public record PipelineConfig(String name, SourceConfig source, TargetConfig target, SyncMode mode, String cursor,
                             CursorLookback cursorLookback, NullCursorRule nullCursor, DeadLetterLimit maxDeadLetters,
                             int chunkRows, int parallelism, BatchConfig batch, StreamConfig stream) {

    /** A pipeline with the default rules: {@code auto} lookback, NULL cursors on full loads, no dead letters. */
    public PipelineConfig(String name, SourceConfig source, TargetConfig target, SyncMode mode, String cursor,
            int chunkRows, int parallelism, BatchConfig batch) {
        this(name, source, target, mode, cursor, CursorLookback.AUTO, NullCursorRule.INCLUDE_ON_FULL,
                DeadLetterLimit.NONE_ALLOWED, chunkRows, parallelism, batch, null);
    }

    public PipelineConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cursorLookback, "cursorLookback");
        Objects.requireNonNull(nullCursor, "nullCursor");
        Objects.requireNonNull(maxDeadLetters, "maxDeadLetters");
        Objects.requireNonNull(batch, "batch");
    }

    /** This pipeline with another stream definition (a stream whose columns were inferred at start). */
    public PipelineConfig withStream(StreamConfig replacement) {
        return new PipelineConfig(name, source, target, mode, cursor, cursorLookback, nullCursor, maxDeadLetters,
                chunkRows, parallelism, batch, replacement);
    }

    /**
     * The rules of one source table: the table's own settings where it is listed with them, else the
     * pipeline's. Sync, validate and CDC all ask here, so they agree on, e.g., a table's dead-letter limit.
     */
    public TableRules rulesFor(TableId table) {
        Optional<TableSelection> own = source.selection(table.qualified()).or(() -> source.selection(table.table()));
        CursorLookback lookback = own.map(TableSelection::cursorLookback).orElse(null);
        return new TableRules(lookback != null ? lookback : cursorLookback, lookback != null,
                own.map(TableSelection::nullCursor).orElse(nullCursor),
                own.map(TableSelection::maxDeadLetters).orElse(maxDeadLetters));
    }
}
