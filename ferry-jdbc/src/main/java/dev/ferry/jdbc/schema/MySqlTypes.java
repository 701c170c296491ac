package dev.ferry.jdbc.schema;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.util.Locale;

/** MySQL/MariaDB native types to Ferry's logical types; the table is documented in docs/type-mapping.md. */
final class MySqlTypes {

    /**
     * @param dataType   information_schema DATA_TYPE, e.g. {@code bigint}
     * @param columnType COLUMN_TYPE, e.g. {@code bigint(20) unsigned}, {@code enum('a','b')}
     * @param json       the column carries MariaDB's json_valid() check
     */
    record NativeColumn(String dataType, String columnType, int precision, int scale, int datetimePrecision,
            boolean json) {
    }

    private MySqlTypes() {
    }

    static LogicalType map(NativeColumn column) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        String full = column.columnType();
        boolean unsigned = full.toLowerCase(Locale.ROOT).contains("unsigned");
        if (column.json()) {
            return LogicalType.of(LogicalKind.JSON, full);
        }
        return switch (type) {
            case "tinyint" -> LogicalType.of(unsigned ? LogicalKind.UINT8 : LogicalKind.INT8, full);
            case "smallint" -> LogicalType.of(unsigned ? LogicalKind.UINT16 : LogicalKind.INT16, full);
            case "mediumint", "int", "integer" -> LogicalType.of(unsigned ? LogicalKind.UINT32 : LogicalKind.INT32, full);
            case "bigint" -> LogicalType.of(unsigned ? LogicalKind.UINT64 : LogicalKind.INT64, full);
            case "decimal", "numeric" -> LogicalType.decimal(column.precision(), column.scale(), full);
            case "float" -> LogicalType.of(LogicalKind.FLOAT32, full);
            case "double", "real" -> LogicalType.of(LogicalKind.FLOAT64, full);
            case "bit" -> new LogicalType(LogicalKind.BIT, column.precision(), 0, null, full);
            case "year" -> LogicalType.of(LogicalKind.YEAR, full);
            case "date" -> LogicalType.of(LogicalKind.DATE, full);
            case "datetime" -> LogicalType.timestamp(LogicalKind.TIMESTAMP, column.datetimePrecision(), full);
            // TIMESTAMP is stored in UTC and converted to the session zone; Ferry reads it in UTC
            case "timestamp" -> LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, column.datetimePrecision(), full);
            case "time" -> LogicalType.of(LogicalKind.TIME, full);
            case "json" -> LogicalType.of(LogicalKind.JSON, full);
            case "uuid" -> LogicalType.of(LogicalKind.UUID, full);
            case "enum" -> LogicalType.of(LogicalKind.ENUM, full);
            case "set" -> LogicalType.of(LogicalKind.SET, full);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry", "point",
                    "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection" ->
                    LogicalType.of(LogicalKind.BYTES, full);
            // char, varchar, *text, uuid (MariaDB 10.7+), inet4/6 … keep their text form exactly
            default -> LogicalType.of(LogicalKind.STRING, full);
        };
    }
}
