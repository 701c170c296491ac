package dev.ferry.clickhouse.types;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;

/**
 * Chooses the ClickHouse type of a source column for a given server. Modern servers get DateTime64,
 * Bool, LowCardinality and wide decimals; older ones get lossless fallbacks (docs/type-mapping.md).
 */
public final class ChTypes {

    /** Date-times are stored as UTC instants; wall-clock values (no zone) are written as if in UTC. */
    public static final String ZONE = "UTC";

    private ChTypes() {
    }

    /**
     * @param keyColumn part of the ORDER BY key, which ClickHouse does not allow to be Nullable
     */
    public static ChType forColumn(ColumnSpec column, ServerCapabilities caps, boolean keyColumn) {
        ChType base = forType(column.type(), caps);
        // ClickHouse has no Nullable(Array): a NULL array is stored as [] (documented)
        boolean nullable = column.nullable() && !keyColumn && base.kind() != ChKind.ARRAY;
        if (nullable) {
            base = base.asNullable();
        }
        LogicalKind kind = column.type().kind();
        if ((kind == LogicalKind.ENUM || kind == LogicalKind.SET) && caps.lowCardinality()) {
            base = base.asLowCardinality();
        }
        return base;
    }

    static ChType forType(LogicalType type, ServerCapabilities caps) {
        return switch (type.kind()) {
            case BOOLEAN -> ChType.of(caps.boolType() ? ChKind.BOOL : ChKind.UINT8);
            case INT8 -> ChType.of(ChKind.INT8);
            case INT16 -> ChType.of(ChKind.INT16);
            case INT32 -> ChType.of(ChKind.INT32);
            case INT64 -> ChType.of(ChKind.INT64);
            case UINT8 -> ChType.of(ChKind.UINT8);
            case UINT16, YEAR -> ChType.of(ChKind.UINT16);
            case UINT32 -> ChType.of(ChKind.UINT32);
            case UINT64 -> ChType.of(ChKind.UINT64);
            case FLOAT32 -> ChType.of(ChKind.FLOAT32);
            case FLOAT64 -> ChType.of(ChKind.FLOAT64);
            case DECIMAL -> decimal(type, caps);
            case BIT -> ChType.of(bitKind(type.precision()));
            case UUID -> ChType.of(ChKind.UUID);
            case DATE -> ChType.of(ChKind.DATE);
            case TIMESTAMP, TIMESTAMP_TZ -> dateTime(type.precision(), caps);
            case ARRAY -> ChType.array(forType(type.element(), caps).asNullable());
            case DECIMAL_TEXT, STRING, BYTES, JSON, TIME, INTERVAL, ENUM, SET -> ChType.of(ChKind.STRING);
        };
    }

    private static ChType decimal(LogicalType type, ServerCapabilities caps) {
        int precision = Math.max(1, type.precision());
        if (precision <= 38 || (precision <= 76 && caps.decimal256())) {
            return ChType.decimal(precision, type.scale());
        }
        return ChType.of(ChKind.STRING); // exact text of the number; no ClickHouse decimal is wide enough
    }

    private static ChType dateTime(int fractionDigits, ServerCapabilities caps) {
        if (fractionDigits == 0) {
            return ChType.dateTime(ZONE);
        }
        // without DateTime64 (before 20.1) sub-second precision survives only as text
        return caps.dateTime64() ? ChType.dateTime64(fractionDigits, ZONE) : ChType.of(ChKind.STRING);
    }

    private static ChKind bitKind(int bits) {
        if (bits <= 8) {
            return ChKind.UINT8;
        }
        if (bits <= 16) {
            return ChKind.UINT16;
        }
        return bits <= 32 ? ChKind.UINT32 : ChKind.UINT64;
    }
}
