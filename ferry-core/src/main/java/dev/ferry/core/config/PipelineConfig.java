package dev.ferry.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One named pipeline: what to copy from where to where, and how.
 *
 * @param cursor         default cursor column for incremental tables that name none, or null
 * @param cursorLookback how far behind the last seen cursor value an incremental run starts again, to catch
 *                       rows committed late with an older cursor value
 * @param chunkRows      rows per snapshot chunk
 * @param stream         what a {@code mode: stream} pipeline reads from Kafka; null for other modes
 */
public record PipelineConfig(String name, SourceConfig source, TargetConfig target, SyncMode mode, String cursor,
                             Duration cursorLookback, int chunkRows, int parallelism, BatchConfig batch,
                             StreamConfig stream) {

    public PipelineConfig(String name, SourceConfig source, TargetConfig target, SyncMode mode, String cursor,
            Duration cursorLookback, int chunkRows, int parallelism, BatchConfig batch) {
        this(name, source, target, mode, cursor, cursorLookback, chunkRows, parallelism, batch, null);
    }

    public PipelineConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cursorLookback, "cursorLookback");
        Objects.requireNonNull(batch, "batch");
    }

    /** This pipeline with another stream definition (a stream whose columns were inferred at start). */
    public PipelineConfig withStream(StreamConfig replacement) {
        return new PipelineConfig(name, source, target, mode, cursor, cursorLookback, chunkRows, parallelism, batch,
                replacement);
    }
}
