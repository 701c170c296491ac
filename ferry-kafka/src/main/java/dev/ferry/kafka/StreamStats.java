package dev.ferry.kafka;

/**
 * What a stream pipeline has done since it started. {@code consumed = written + dead + skipped}: every
 * message is counted once, as a row, as a dead letter, or as one already in ClickHouse from before.
 *
 * @param unavailableSince epoch millis since when ClickHouse refuses writes (the consumer is paused), or 0
 */
public record StreamStats(long consumed, long written, long dead, long skipped, long batches, long lastBatchMillis,
        long unavailableSince) {
}
