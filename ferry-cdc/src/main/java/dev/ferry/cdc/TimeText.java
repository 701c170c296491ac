package dev.ferry.cdc;

import dev.ferry.core.schema.LogicalType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time-of-day (or MySQL duration) that Debezium sends as a number, written the way the source prints it,
 * so that CDC rows equal snapshot rows: MySQL pads the fraction to the column's precision, PostgreSQL drops
 * trailing zeros. Hours may exceed 23 and the value may be negative (MySQL TIME is a duration).
 */
final class TimeText {

    private static final Pattern PRECISION = Pattern.compile("\\((\\d)\\)");

    private TimeText() {
    }

    static String of(long value, String semantic, LogicalType type) {
        long micros = switch (semantic) {
            case "io.debezium.time.Time" -> value * 1000;
            case "io.debezium.time.NanoTime" -> value / 1000;
            default -> value; // io.debezium.time.MicroTime
        };
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        long seconds = abs / 1_000_000;
        StringBuilder text = new StringBuilder(sign)
                .append(String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        String fraction = String.format("%06d", abs % 1_000_000);
        int digits = mysqlPrecision(type);
        if (digits > 0) {
            text.append('.').append(fraction, 0, digits);
        } else if (digits < 0) {
            String trimmed = fraction.replaceAll("0+$", "");
            if (!trimmed.isEmpty()) {
                text.append('.').append(trimmed);
            }
        }
        return text.toString();
    }

    /** The fraction digits MySQL prints for the column, or -1 for PostgreSQL's trimmed style. */
    private static int mysqlPrecision(LogicalType type) {
        String nativeType = type.nativeType().toLowerCase(java.util.Locale.ROOT);
        if (nativeType.contains("time zone")) {
            return -1; // PostgreSQL: "time(3) without time zone"
        }
        Matcher m = PRECISION.matcher(nativeType);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
