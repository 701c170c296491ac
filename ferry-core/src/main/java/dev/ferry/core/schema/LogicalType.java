package dev.ferry.core.schema;

import java.util.Objects;

/**
 * A column's type in Ferry's own terms: a kind plus the parameters that matter to the target.
 *
 * @param kind       what the value is
 * @param precision  decimal digits (DECIMAL), fractional-second digits (TIMESTAMP*, 0..9), bits (BIT); else 0
 * @param scale      decimal scale (DECIMAL); else 0
 * @param element    element type of an ARRAY; else null
 * @param nativeType the source's own spelling, for messages and docs (e.g. {@code bigint unsigned})
 */
public record LogicalType(LogicalKind kind, int precision, int scale, LogicalType element, String nativeType) {

    public LogicalType {
        Objects.requireNonNull(kind, "kind");
        nativeType = nativeType == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : nativeType;
        if (kind == LogicalKind.ARRAY) {
            Objects.requireNonNull(element, "array element type");
        }
    }

    public static LogicalType of(LogicalKind kind, String nativeType) {
        return new LogicalType(kind, 0, 0, null, nativeType);
    }

    public static LogicalType decimal(int precision, int scale, String nativeType) {
        return new LogicalType(LogicalKind.DECIMAL, precision, scale, null, nativeType);
    }

    public static LogicalType timestamp(LogicalKind kind, int fractionDigits, String nativeType) {
        return new LogicalType(kind, fractionDigits, 0, null, nativeType);
    }

    public static LogicalType array(LogicalType element, String nativeType) {
        return new LogicalType(LogicalKind.ARRAY, 0, 0, element, nativeType);
    }
}
