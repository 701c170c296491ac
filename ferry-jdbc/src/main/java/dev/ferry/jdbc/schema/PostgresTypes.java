package dev.ferry.jdbc.schema;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL native types to Ferry's logical types; the table is documented in docs/type-mapping.md. */
final class PostgresTypes {

    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern FRACTION = Pattern.compile("\\((\\d)\\)");

    /**
     * @param formatted  {@code format_type(...)}, e.g. {@code numeric(12,2)}, {@code timestamp(3) without time zone}
     * @param typeName   pg_type.typname of the (base) type, e.g. {@code int4}, {@code _int4}
     * @param typeType   pg_type.typtype: b base, e enum, d domain, c composite, r range
     * @param category   pg_type.typcategory: A array, N numeric, …
     * @param elementTypeName typname of an array's element, else null
     * @param dimensions declared array dimensions (0 when not declared)
     */
    record NativeColumn(String formatted, String typeName, String typeType, String category, String elementTypeName,
            int dimensions) {
    }

    private PostgresTypes() {
    }

    static LogicalType map(NativeColumn column) {
        if ("A".equals(column.category())) {
            LogicalType element = scalar(column.elementTypeName(), stripArray(column.formatted()), "b");
            boolean nestable = element.kind() != LogicalKind.ARRAY && column.dimensions() <= 1;
            // multi-dimensional arrays have no faithful ClickHouse counterpart of unknown depth: keep the text
            return nestable ? LogicalType.array(element, column.formatted())
                    : LogicalType.of(LogicalKind.STRING, column.formatted());
        }
        return scalar(column.typeName(), column.formatted(), column.typeType());
    }

    private static LogicalType scalar(String typeName, String formatted, String typeType) {
        if ("e".equals(typeType)) {
            return LogicalType.of(LogicalKind.ENUM, formatted);
        }
        return switch (typeName) {
            case "bool" -> LogicalType.of(LogicalKind.BOOLEAN, formatted);
            case "int2" -> LogicalType.of(LogicalKind.INT16, formatted);
            case "int4" -> LogicalType.of(LogicalKind.INT32, formatted);
            case "int8" -> LogicalType.of(LogicalKind.INT64, formatted);
            case "oid" -> LogicalType.of(LogicalKind.UINT32, formatted);
            case "float4" -> LogicalType.of(LogicalKind.FLOAT32, formatted);
            case "float8" -> LogicalType.of(LogicalKind.FLOAT64, formatted);
            case "numeric" -> numeric(formatted);
            case "bytea" -> LogicalType.of(LogicalKind.BYTES, formatted);
            case "json", "jsonb" -> LogicalType.of(LogicalKind.JSON, formatted);
            case "uuid" -> LogicalType.of(LogicalKind.UUID, formatted);
            case "date" -> LogicalType.of(LogicalKind.DATE, formatted);
            case "time", "timetz" -> LogicalType.of(LogicalKind.TIME, formatted);
            case "timestamp" -> LogicalType.timestamp(LogicalKind.TIMESTAMP, fraction(formatted), formatted);
            case "timestamptz" -> LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, fraction(formatted), formatted);
            case "interval" -> LogicalType.of(LogicalKind.INTERVAL, formatted);
            // text, varchar, bpchar, name, citext, xml, inet, money, bit, … keep their text form exactly
            default -> LogicalType.of(LogicalKind.STRING, formatted);
        };
    }

    private static LogicalType numeric(String formatted) {
        Matcher m = NUMERIC.matcher(formatted);
        if (m.find()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = Integer.parseInt(m.group(2));
            // PostgreSQL 15 allows a scale above the precision (numeric(2,3)); no ClickHouse Decimal does
            if (scale <= precision) {
                return LogicalType.decimal(precision, scale, formatted);
            }
        }
        // no typmod, a negative scale (numeric(5,-2)) or scale > precision: keep the exact text
        return LogicalType.of(LogicalKind.DECIMAL_TEXT, formatted);
    }

    /** Fractional-second digits of a timestamp type; PostgreSQL's default is 6. */
    private static int fraction(String formatted) {
        Matcher m = FRACTION.matcher(formatted);
        return m.find() ? Integer.parseInt(m.group(1)) : 6;
    }

    private static String stripArray(String formatted) {
        return formatted.endsWith("[]") ? formatted.substring(0, formatted.length() - 2) : formatted;
    }
}
