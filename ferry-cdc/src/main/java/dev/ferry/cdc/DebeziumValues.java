package dev.ferry.cdc;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.ferry.core.schema.UnchangedValue;
import dev.ferry.jdbc.read.SourceRow;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts Debezium's representation of a column value (as configured in {@link DebeziumProperties}) into the
 * Java class of the column's logical kind, so that change events travel through the same converters and
 * encoder as snapshot rows.
 */
final class DebeziumValues {

    /** Debezium's stand-in for an unchanged TOAST value (see {@link UnchangedValue}). */
    static final String UNAVAILABLE_TEXT = UnchangedValue.TEXT;
    private static final byte[] UNAVAILABLE_BYTES = UnchangedValue.bytes();
    /** Debezium's placeholder for an unchanged uuid[]: a name-based UUID of the placeholder's bytes. */
    private static final String UNAVAILABLE_UUID = UnchangedValue.UUID_TEXT;

    /** Marks a column whose value the change does not carry (see {@link SourceRefill}). */
    static final Object UNAVAILABLE = new Object() {
        @Override
        public String toString() {
            return "(unchanged TOAST value)";
        }
    };

    private DebeziumValues() {
    }

    /**
     * The row image in source-column order. A column the image does not have is {@link #UNAVAILABLE}: the change
     * was read in an older shape of the table (before the column was added or renamed, replayed after a restart),
     * so its current value is read back from the source rather than guessed.
     *
     * <p>Columns in {@code readBack} are {@link #UNAVAILABLE} too: their value is always read from the source
     * ({@link RefillColumns}).
     *
     * <p>Values are taken without their schema's default: Kafka Connect's {@code Struct.get} answers a null
     * with the column's DEFAULT, which would turn an explicit NULL into the default.
     */
    static SourceRow read(Struct image, List<ColumnSpec> columns, java.util.BitSet readBack) {
        Object[] values = new Object[columns.size()];
        String error = null;
        for (int i = 0; i < values.length; i++) {
            ColumnSpec column = columns.get(i);
            Field field = image.schema().field(column.name());
            if (field == null || readBack.get(i)) {
                values[i] = UNAVAILABLE;
                continue;
            }
            Object raw = image.getWithoutDefault(field.name());
            try {
                values[i] = convert(column, field.schema(), raw);
            } catch (RuntimeException e) {
                // the row becomes a dead letter naming the column, like a snapshot row with an unreadable value
                error = error != null ? error : column.name() + ": cannot read " + column.type().nativeType()
                        + " value from the change event (" + describe(raw) + "): " + e.getMessage();
            }
        }
        return new SourceRow(values, error);
    }

    private static String describe(Object raw) {
        return raw == null ? "null" : raw.getClass().getSimpleName();
    }

    static Object convert(ColumnSpec column, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (isUnavailable(value)) {
            return UNAVAILABLE;
        }
        String semantic = schema.name() == null ? "" : schema.name();
        LogicalKind kind = column.type().kind();
        return switch (kind) {
            case BOOLEAN -> value instanceof Number n ? n.intValue() != 0 : value;
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> ((Number) value).longValue();
            // MySQL's YEAR 0000 arrives as 1900, which no YEAR can hold (1901..2155): it is the 0 a snapshot reads
            case YEAR -> ((Number) value).longValue() == 1900 ? 0L : ((Number) value).longValue();
            case BIT -> bits(value);
            case TIME -> value instanceof Number n ? TimeText.of(n.longValue(), semantic, column.type()) : value.toString();
            case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
            case DECIMAL -> new BigDecimal(value.toString());
            case DECIMAL_TEXT -> numericText(column, value.toString());
            case UUID -> UUID.fromString(value.toString());
            case BYTES -> value instanceof Struct geometry ? SpatialValues.mysqlInternal(geometry) : bytes(value);
            case DATE -> date(((Number) value).longValue());
            case TIMESTAMP -> {
                LocalDateTime timestamp = timestamp(semantic, ((Number) value).longValue());
                yield timestamp == null ? UNAVAILABLE : timestamp;
            }
            case TIMESTAMP_TZ -> instant(value.toString());
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    Object element = item == null ? null : element(column, schema.valueSchema(), item);
                    if (element == UNAVAILABLE) {
                        yield UNAVAILABLE; // an element Debezium could not hand over: the array is read back
                    }
                    items.add(element);
                }
                yield items;
            }
            default -> PgGeometricText.TYPES.contains(column.type().nativeType()) ? PgGeometricText.of(
                    value instanceof String text ? text : new String(bytes(value), StandardCharsets.UTF_8))
                    : text(value, semantic);
        };
    }

    private static final java.util.regex.Pattern NEGATIVE_SCALE = java.util.regex.Pattern.compile("numeric\\(\\d+,-\\d+\\)");

    /**
     * A PostgreSQL numeric kept as text (no typmod, or an unusual scale) as PostgreSQL prints it. Debezium spells
     * the special values as Java's enum names and gives a negative-scale numeric ({@code numeric(5,-2)}, always a
     * whole number) with hundreds of zero decimals.
     */
    private static String numericText(ColumnSpec column, String text) {
        return switch (text) {
            case "NAN" -> "NaN";
            case "POSITIVE_INFINITY" -> "Infinity";
            case "NEGATIVE_INFINITY" -> "-Infinity";
            default -> NEGATIVE_SCALE.matcher(column.type().nativeType()).matches()
                    ? new BigDecimal(text).setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString() : text;
        };
    }

    /** A value Ferry keeps as text (kinds STRING, JSON, ENUM, SET, INTERVAL ...); {@link #UNAVAILABLE} if unknown. */
    private static Object text(Object value, String semantic) {
        if (value instanceof Struct struct) {
            if ("io.debezium.data.geometry.Point".equals(semantic)) {
                return SpatialValues.postgresPoint(struct);
            }
            // a structure Ferry does not know (PostGIS geometry, a type of a newer Debezium): never its toString;
            // the value the snapshot keeps is read back from the source instead
            return UNAVAILABLE;
        }
        return value instanceof ByteBuffer || value instanceof byte[] ? bytes(value) : value.toString();
    }

    /**
     * Whether Debezium handed its placeholder for an unchanged TOAST value: the text itself, its bytes (bytea),
     * or the one-element or per-byte lists it uses for arrays (PostgreSQL's UnchangedToastedPlaceholder).
     */
    static boolean isUnavailable(Object value) {
        if (value instanceof String text) {
            return text.equals(UNAVAILABLE_TEXT);
        }
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            return java.util.Arrays.equals(bytes(value), UNAVAILABLE_BYTES);
        }
        if (value instanceof List<?> list) {
            if (list.size() == 1) {
                Object only = list.get(0);
                return only != null && (isUnavailable(only) || UNAVAILABLE_UUID.equals(only.toString()));
            }
            // int[], bigint[] and date[]: each byte of the placeholder as a number
            return UnchangedValue.isPerByteList(list);
        }
        return false;
    }

    /** MySQL BIT(1) arrives as a boolean, wider BIT(n) as little-endian bytes. */
    private static long bits(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        byte[] bytes = bytes(value);
        long result = 0;
        for (int i = Math.min(bytes.length, 8) - 1; i >= 0; i--) {
            result = (result << 8) | (bytes[i] & 0xFF);
        }
        return result;
    }

    private static Object element(ColumnSpec array, Schema schema, Object item) {
        ColumnSpec element = new ColumnSpec(array.name(), array.type().element(), true, "");
        return convert(element, schema, item);
    }

    /**
     * PostgreSQL's {@code infinity} and {@code -infinity} as Debezium 3.3 to 3.5 sends them (PostgresValueConverter):
     * these day numbers for dates, these microseconds (or milliseconds times 1000) for timestamps and the words
     * for timestamptz. Ferry's form of them is the largest and smallest value of the class (Temporals).
     */
    private static final long DATE_INFINITY_DAYS = -2147472692L;
    private static final long DATE_MINUS_INFINITY_DAYS = -2147472691L;
    private static final long TIMESTAMP_INFINITY_MICROS = 9223372036825200000L;
    private static final long TIMESTAMP_MINUS_INFINITY_MICROS = -9223372036832400000L;
    /** 4714-11-24 BC 00:00 UTC (PostgreSQL's first timestamp) in microseconds since 1970. */
    private static final long EARLIEST_POSTGRES_MICROS = -210866803200000000L;

    private static LocalDate date(long days) {
        if (days == DATE_INFINITY_DAYS) {
            return LocalDate.MAX;
        }
        return days == DATE_MINUS_INFINITY_DAYS ? LocalDate.MIN : LocalDate.ofEpochDay(days);
    }

    private static Instant instant(String text) {
        return switch (text) {
            case "infinity" -> Instant.MAX;
            case "-infinity" -> Instant.MIN;
            default -> OffsetDateTime.parse(text).toInstant();
        };
    }

    private static LocalDateTime timestamp(String semantic, long value) {
        long micros = switch (semantic) {
            case "io.debezium.time.Timestamp" -> value * 1000;
            case "io.debezium.time.NanoTimestamp" -> value / 1000;
            default -> value; // io.debezium.time.MicroTimestamp
        };
        if (micros == TIMESTAMP_INFINITY_MICROS) {
            return LocalDateTime.MAX;
        }
        if (micros == TIMESTAMP_MINUS_INFINITY_MICROS) {
            return LocalDateTime.MIN;
        }
        if (micros < EARLIEST_POSTGRES_MICROS) {
            // PostgreSQL's timestamps reach the year 294276, past what Debezium's microseconds since 1970 hold:
            // such a value arrives wrapped around to a year no source has; it is read back instead
            return null;
        }
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Debezium hands bytes as {@code byte[]} or, from some code paths, as a {@link ByteBuffer}. */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        ByteBuffer buffer = (ByteBuffer) value;
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
