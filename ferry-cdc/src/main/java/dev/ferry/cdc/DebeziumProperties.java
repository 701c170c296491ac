package dev.ferry.cdc;

import dev.ferry.core.config.BatchConfig;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Debezium embedded-engine settings every pipeline shares. Values are chosen so that Debezium hands over
 * values Ferry can convert without loss: decimals as strings, time in microseconds, bytes as bytes, unsigned
 * 64-bit integers exactly. Offsets live in the pipeline's state directory, next to the batch state, so they
 * survive restarts.
 */
final class DebeziumProperties {

    /** Debezium keeps at most this many batches queued between the log reader and Ferry. */
    private static final int QUEUED_BATCHES = 4;

    private DebeziumProperties() {
    }

    /** Names the pipeline's metrics and offsets; unique per pipeline so that several can share a JVM. */
    static String topicPrefix(String pipeline) {
        return "ferry_" + pipeline.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static Properties common(String pipeline, Path stateDir, BatchConfig batch) {
        Properties p = new Properties();
        p.setProperty("name", "ferry-" + pipeline);
        p.setProperty("topic.prefix", topicPrefix(pipeline));
        // Ferry snapshots with its own parallel reader once the stream is connected (see CdcRunner)
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("offset.storage", AtomicFileOffsetStore.class.getName());
        p.setProperty("offset.storage.file.filename", stateDir.resolve(pipeline + ".offsets").toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("include.unknown.datatypes", "true");
        // a placeholder no text value can be (see DebeziumValues.UNAVAILABLE_TEXT); the default is plain text
        p.setProperty("unavailable.value.placeholder", DebeziumValues.UNAVAILABLE_TEXT);
        // Debezium skips TRUNCATE by default; a target must follow it like any other change
        p.setProperty("skipped.operations", "none");
        // Debezium hands a batch over when it holds batch.rows changes or poll.interval.ms passed since the
        // last one: that is the pipeline's flush interval, which bounds the lag at low change rates
        int rows = Math.max(1, Math.min(batch.rows(), 50_000));
        p.setProperty("max.batch.size", Integer.toString(rows));
        p.setProperty("max.queue.size", Integer.toString(rows * QUEUED_BATCHES));
        p.setProperty("poll.interval.ms", Long.toString(Math.max(10, batch.interval().toMillis())));
        return p;
    }
}
