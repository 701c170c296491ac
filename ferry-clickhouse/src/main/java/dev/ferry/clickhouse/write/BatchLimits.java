package dev.ferry.clickhouse.write;

/** When a batch is sent: whichever of rows or bytes is reached first. */
public record BatchLimits(int rows, long bytes) {

    public BatchLimits {
        if (rows < 1 || bytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }
}
