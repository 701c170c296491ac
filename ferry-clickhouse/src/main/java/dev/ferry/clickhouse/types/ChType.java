package dev.ferry.clickhouse.types;

import java.util.Objects;

/**
 * A ClickHouse column type as Ferry writes it.
 *
 * @param kind           base type
 * @param precision      Decimal precision or DateTime64 fraction digits
 * @param scale          Decimal scale
 * @param timeZone       DateTime/DateTime64 zone, or null
 * @param element        Array element type
 * @param nullable       wrapped in Nullable(…)
 * @param lowCardinality wrapped in LowCardinality(…) (same RowBinary encoding as the inner type)
 */
public record ChType(ChKind kind, int precision, int scale, String timeZone, ChType element, boolean nullable,
        boolean lowCardinality) {

    public ChType {
        Objects.requireNonNull(kind, "kind");
        if (kind == ChKind.ARRAY) {
            Objects.requireNonNull(element, "element");
        }
    }

    public static ChType of(ChKind kind) {
        return new ChType(kind, 0, 0, null, null, false, false);
    }

    public static ChType decimal(int precision, int scale) {
        return new ChType(ChKind.DECIMAL, precision, scale, null, null, false, false);
    }

    public static ChType dateTime(String zone) {
        return new ChType(ChKind.DATETIME, 0, 0, zone, null, false, false);
    }

    public static ChType dateTime64(int precision, String zone) {
        return new ChType(ChKind.DATETIME64, precision, 0, zone, null, false, false);
    }

    public static ChType array(ChType element) {
        return new ChType(ChKind.ARRAY, 0, 0, null, element, false, false);
    }

    public ChType asNullable() {
        return new ChType(kind, precision, scale, timeZone, element, true, lowCardinality);
    }

    public ChType asLowCardinality() {
        return new ChType(kind, precision, scale, timeZone, element, nullable, true);
    }

    /** Bytes of a Decimal's unscaled value in RowBinary. */
    public int decimalWidth() {
        if (precision <= 9) {
            return 4;
        }
        if (precision <= 18) {
            return 8;
        }
        return precision <= 38 ? 16 : 32;
    }

    /** The type as written in DDL, e.g. {@code LowCardinality(Nullable(String))}. */
    public String sql() {
        String base = switch (kind) {
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT8 -> "UInt8";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case BOOL -> "Bool";
            case DECIMAL -> "Decimal(" + precision + ", " + scale + ")";
            case STRING -> "String";
            case UUID -> "UUID";
            case DATE -> "Date";
            case DATE32 -> "Date32";
            case DATETIME -> timeZone == null ? "DateTime" : "DateTime('" + timeZone + "')";
            case DATETIME64 -> "DateTime64(" + precision + (timeZone == null ? "" : ", '" + timeZone + "'") + ")";
            case ARRAY -> "Array(" + element.sql() + ")";
        };
        String withNull = nullable ? "Nullable(" + base + ")" : base;
        return lowCardinality ? "LowCardinality(" + withNull + ")" : withNull;
    }

    @Override
    public String toString() {
        return sql();
    }
}
