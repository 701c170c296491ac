package dev.ferry.sync;

import dev.ferry.core.schema.LogicalKind;
import java.util.EnumSet;
import java.util.Set;

/** Which cursor columns can step back in time and which in numbers. */
final class CursorKinds {

    private static final Set<LogicalKind> TEMPORAL = EnumSet.of(LogicalKind.DATE, LogicalKind.TIMESTAMP,
            LogicalKind.TIMESTAMP_TZ);
    private static final Set<LogicalKind> NUMERIC = EnumSet.of(LogicalKind.INT8, LogicalKind.INT16, LogicalKind.INT32,
            LogicalKind.INT64, LogicalKind.UINT8, LogicalKind.UINT16, LogicalKind.UINT32, LogicalKind.UINT64,
            LogicalKind.FLOAT32, LogicalKind.FLOAT64, LogicalKind.DECIMAL, LogicalKind.DECIMAL_TEXT, LogicalKind.YEAR);

    private CursorKinds() {
    }

    static boolean temporal(LogicalKind kind) {
        return TEMPORAL.contains(kind);
    }

    static boolean numeric(LogicalKind kind) {
        return NUMERIC.contains(kind);
    }
}
