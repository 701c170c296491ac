package dev.ferry.clickhouse.types;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.core.schema.TemporalRange;
import dev.ferry.core.schema.Temporals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts source values to ClickHouse values, refusing (never bending) what the target type cannot hold:
 * dates outside the type's range ({@link TypeRanges}), decimals that would need rounding. Refused values make
 * the row a dead letter with the reason.
 */
public final class ValueConverters {

    private ValueConverters() {
    }

    /** @param caps the server, whose version decides what DateTime64 and Date32 hold ({@link TypeRanges}) */
    public static ValueConverter forColumn(ColumnSpec column, ChType target, ServerCapabilities caps) {
        ValueConverter inner = forType(column.name(), column.type(), target, caps);
        return value -> value == null ? nullValue(column.name(), target) : inner.convert(value);
    }

    private static Object nullValue(String column, ChType target) throws BadValueException {
        if (target.nullable()) {
            return null;
        }
        if (target.kind() == ChKind.ARRAY) {
            return List.of();
        }
        throw new BadValueException(column, "NULL in a column the source declares NOT NULL");
    }

    static ValueConverter forType(String column, LogicalType source, ChType target, ServerCapabilities caps) {
        return switch (target.kind()) {
            case BOOL -> value -> value;
            case UINT8 -> source.kind() == LogicalKind.BOOLEAN ? value -> ((Boolean) value) ? 1L : 0L : value -> value;
            case INT8, INT16, INT32, INT64, UINT16, UINT32, UINT64, FLOAT32, FLOAT64, UUID -> value -> value;
            case DECIMAL -> value -> decimal(column, (BigDecimal) value, target);
            case STRING -> string(source);
            case DATE, DATE32 -> {
                TemporalRange range = TypeRanges.of(target, caps);
                String message = " is outside ClickHouse " + typeName(target) + "'s range "
                        + TypeRanges.describe(target, caps);
                yield value -> {
                    checkRange(column, "date ", value, range, message);
                    return target.kind() == ChKind.DATE ? value : (Object) ((LocalDate) value).toEpochDay();
                };
            }
            case DATETIME, DATETIME64 -> {
                TemporalRange range = TypeRanges.of(target, caps);
                String message = " is outside ClickHouse " + typeName(target) + "'s range "
                        + TypeRanges.describe(target, caps);
                yield value -> {
                    checkRange(column, "timestamp ", value, range, message);
                    Instant instant = Temporals.instant(value);
                    return target.kind() == ChKind.DATETIME ? dateTime(column, instant)
                            : dateTime64(column, instant, target.precision());
                };
            }
            case ARRAY -> array(column, source.element(), target.element(), caps);
        };
    }

    private static String typeName(ChType target) {
        return switch (target.kind()) {
            case DATE -> "Date";
            case DATE32 -> "Date32";
            case DATETIME -> "DateTime";
            default -> "DateTime64";
        };
    }

    private static void checkRange(String column, String what, Object value, TemporalRange range, String message)
            throws BadValueException {
        Instant point = Temporals.instant(value);
        if (point.isBefore(range.min()) || point.isAfter(range.max())) {
            String infinity = Temporals.infinityText(value);
            String shown = infinity != null ? "PostgreSQL '" + infinity + "'"
                    : what + (value instanceof LocalDate ? value : point);
            throw new BadValueException(column, shown + message);
        }
    }

    /**
     * Text columns: the exact value in a form that sorts chronologically for the years 0000..9999 — ISO dates,
     * timestamps with exactly the column's fraction digits ({@code Z} for instants), years before 0000 and after
     * 9999 with their sign as in ISO 8601, and PostgreSQL's {@code infinity} and {@code -infinity} as such.
     */
    private static ValueConverter string(LogicalType source) {
        return switch (source.kind()) {
            case DECIMAL -> value -> ((BigDecimal) value).toPlainString();
            case DATE -> value -> {
                String infinity = Temporals.infinityText(value);
                return infinity != null ? infinity : value.toString();
            };
            case TIMESTAMP, TIMESTAMP_TZ -> {
                DateTimeFormatter format = fraction(source.precision());
                String suffix = source.kind() == LogicalKind.TIMESTAMP_TZ ? "Z" : "";
                yield value -> timestampText(value, format, suffix);
            }
            case ARRAY -> value -> value.toString();
            default -> value -> value; // String, or byte[] kept as raw bytes
        };
    }

    private static String timestampText(Object value, DateTimeFormatter format, String suffix) {
        String infinity = Temporals.infinityText(value);
        if (infinity != null) {
            return infinity;
        }
        LocalDateTime local = value instanceof Instant instant ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                : (LocalDateTime) value;
        return format.format(local) + suffix;
    }

    private static ValueConverter array(String column, LogicalType sourceElement, ChType targetElement,
            ServerCapabilities caps) {
        ValueConverter element = forType(column, sourceElement, targetElement, caps);
        return value -> {
            List<?> items = (List<?>) value;
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(item == null ? null : element.convert(item));
            }
            return out;
        };
    }

    private static BigDecimal decimal(String column, BigDecimal value, ChType target) throws BadValueException {
        BigDecimal scaled;
        try {
            scaled = value.setScale(target.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new BadValueException(column, value.toPlainString() + " has more than " + target.scale()
                    + " decimal places");
        }
        if (scaled.precision() > target.precision() && scaled.signum() != 0) {
            throw new BadValueException(column, value.toPlainString() + " does not fit " + target.sql());
        }
        return scaled;
    }

    private static Long dateTime(String column, Instant value) throws BadValueException {
        if (value.getNano() != 0) {
            throw new BadValueException(column, "timestamp " + value + " has fractional seconds the column cannot hold");
        }
        return value.getEpochSecond();
    }

    private static Long dateTime64(String column, Instant value, int precision) throws BadValueException {
        long ticksPerSecond = (long) Math.pow(10, precision);
        long nanosPerTick = 1_000_000_000L / ticksPerSecond;
        if (value.getNano() % nanosPerTick != 0) {
            throw new BadValueException(column, "timestamp " + value + " has more than " + precision
                    + " fractional digits");
        }
        return value.getEpochSecond() * ticksPerSecond + value.getNano() / nanosPerTick;
    }

    private static DateTimeFormatter fraction(int digits) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss");
        if (digits > 0) {
            builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
        }
        return builder.toFormatter();
    }
}
