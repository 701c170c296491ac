package dev.ferry.kafka;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The column types a stream pipeline declares, as Ferry's logical types. */
final class StreamTypes {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    private StreamTypes() {
    }

    /**
     * @param subSecond whether the server keeps fractions of a second (DateTime64, 20.1+); older servers get
     *                  DateTime, and a value with a fraction is refused rather than rounded
     */
    static LogicalType logical(String type, boolean subSecond) {
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return LogicalType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)), type);
        }
        return switch (type) {
            case "string" -> LogicalType.of(LogicalKind.STRING, type);
            case "int32" -> LogicalType.of(LogicalKind.INT32, type);
            case "int64" -> LogicalType.of(LogicalKind.INT64, type);
            case "float64" -> LogicalType.of(LogicalKind.FLOAT64, type);
            case "boolean" -> LogicalType.of(LogicalKind.BOOLEAN, type);
            case "timestamp" -> LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, subSecond ? 3 : 0, type);
            case "date" -> LogicalType.of(LogicalKind.DATE, type);
            default -> throw new IllegalArgumentException("unknown stream column type " + type);
        };
    }
}
