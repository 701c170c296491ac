package dev.ferry.core.config;

import java.time.Duration;
import java.util.Objects;

/** When a pipeline flushes buffered rows to ClickHouse: whichever of the three limits is reached first. */
public record BatchConfig(int rows, long bytes, Duration interval) {

    public BatchConfig {
        Objects.requireNonNull(interval, "interval");
    }
}
