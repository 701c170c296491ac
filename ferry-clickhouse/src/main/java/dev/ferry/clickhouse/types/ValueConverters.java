package dev.ferry.clickhouse.types;

import dev.ferry.core.schema.BadValueException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
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
 * dates outside the type's range, decimals that would need rounding. Refused values make the row a dead
 * letter with the reason.
 */
public final class ValueConverters {

    /*
     * Date and DateTime store 2 and 4 unsigned bytes (up to 2149-06-06 and 2106-02-07 06:28:15), but 18.x
     * prints and computes them only up to the end of its date table (2106-02-07): a later value is kept yet
     * reads back as 1970-01-01. Ferry accepts what every supported server shows correctly.
     */
    private static final LocalDate DATE_MAX = LocalDate.of(2106, 2, 7);
    private static final long DATETIME_MAX = LocalDate.of(2106, 2, 7).toEpochDay() * 86_400L - 1;
    /*
     * DateTime64 shows 1900..2299 since 22.8 but only 1925-01-01..2283-11-11 on 20.1..22.7, and both clamp
     * what lies outside without an error: Ferry accepts the range every DateTime64 server keeps.
     */
    private static final Instant DATETIME64_MIN = Instant.parse("1925-01-01T00:00:00Z");
    private static final Instant DATETIME64_MAX = Instant.parse("2283-11-11T23:59:59.999999999Z");

    private ValueConverters() {
    }

    public static ValueConverter forColumn(ColumnSpec column, ChType target) {
        ValueConverter inner = forType(column.name(), column.type(), target);
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

    static ValueConverter forType(String column, LogicalType source, ChType target) {
        return switch (target.kind()) {
            case BOOL -> value -> value;
            case UINT8 -> source.kind() == LogicalKind.BOOLEAN ? value -> ((Boolean) value) ? 1L : 0L : value -> value;
            case INT8, INT16, INT32, INT64, UINT16, UINT32, UINT64, FLOAT32, FLOAT64, UUID -> value -> value;
            case DECIMAL -> value -> decimal(column, (BigDecimal) value, target);
            case STRING -> string(source);
            case DATE -> value -> date(column, (LocalDate) value);
            case DATE32 -> value -> ((LocalDate) value).toEpochDay();
            case DATETIME -> value -> dateTime(column, toInstant(value));
            case DATETIME64 -> value -> dateTime64(column, toInstant(value), target.precision());
            case ARRAY -> array(column, source.element(), target.element());
        };
    }

    private static ValueConverter string(LogicalType source) {
        return switch (source.kind()) {
            case DECIMAL -> value -> ((BigDecimal) value).toPlainString();
            case TIMESTAMP -> value -> fraction(source.precision()).format((LocalDateTime) value);
            case TIMESTAMP_TZ -> value -> fraction(source.precision())
                    .format(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC)) + "Z";
            case ARRAY -> value -> value.toString();
            default -> value -> value; // String, or byte[] kept as raw bytes
        };
    }

    private static ValueConverter array(String column, LogicalType sourceElement, ChType targetElement) {
        ValueConverter element = forType(column, sourceElement, targetElement);
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

    private static LocalDate date(String column, LocalDate value) throws BadValueException {
        if (value.isBefore(LocalDate.EPOCH) || value.isAfter(DATE_MAX)) {
            throw new BadValueException(column, "date " + value + " is outside ClickHouse Date's range 1970-01-01.."
                    + DATE_MAX);
        }
        return value;
    }

    private static Instant toInstant(Object value) {
        return value instanceof LocalDateTime local ? local.toInstant(ZoneOffset.UTC) : (Instant) value;
    }

    private static Long dateTime(String column, Instant value) throws BadValueException {
        long seconds = value.getEpochSecond();
        if (seconds < 0 || seconds > DATETIME_MAX) {
            throw new BadValueException(column, "timestamp " + value + " is outside ClickHouse DateTime's range "
                    + "1970-01-01 00:00:00..2106-02-06 23:59:59 UTC");
        }
        if (value.getNano() != 0) {
            throw new BadValueException(column, "timestamp " + value + " has fractional seconds the column cannot hold");
        }
        return seconds;
    }

    private static Long dateTime64(String column, Instant value, int precision) throws BadValueException {
        if (value.isBefore(DATETIME64_MIN) || value.isAfter(DATETIME64_MAX)) {
            throw new BadValueException(column, "timestamp " + value + " is outside ClickHouse DateTime64's range "
                    + "1925-01-01 00:00:00..2283-11-11 23:59:59 UTC");
        }
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
