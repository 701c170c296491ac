package dev.ferry.clickhouse.types;

/** The ClickHouse base types Ferry writes, with their RowBinary widths where fixed. */
public enum ChKind {
    INT8(1), INT16(2), INT32(4), INT64(8),
    UINT8(1), UINT16(2), UINT32(4), UINT64(8),
    FLOAT32(4), FLOAT64(8),
    BOOL(1),
    DECIMAL(-1),
    STRING(-1),
    UUID(16),
    DATE(2), DATE32(4),
    DATETIME(4), DATETIME64(8),
    ARRAY(-1);

    private final int width;

    ChKind(int width) {
        this.width = width;
    }

    /** Bytes of one value in RowBinary, or -1 when it depends on the value or parameters. */
    public int width() {
        return width;
    }
}
