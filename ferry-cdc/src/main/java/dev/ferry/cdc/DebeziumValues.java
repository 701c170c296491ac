package dev.ferry.cdc;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts Debezium's representation of a column value (as configured in {@link DebeziumProperties}) into the
 * Java class of the column's logical kind, so that change events travel through the same converters and
 * encoder as snapshot rows.
 */
final class DebeziumValues {

    /** Debezium's stand-in for an unchanged TOAST value that PostgreSQL did not send with an update. */
    static final String UNAVAILABLE_TEXT = "__debezium_unavailable_value";

    /** Marks a column whose value the change does not carry (see {@link ToastFiller}). */
    static final Object UNAVAILABLE = new Object() {
        @Override
        public String toString() {
            return "(unchanged TOAST value)";
        }
    };

    private DebeziumValues() {
    }

    /** The row image in source-column order; columns the event does not carry are null. */
    static Object[] row(Struct image, List<ColumnSpec> columns) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Field field = image.schema().field(columns.get(i).name());
            if (field != null) {
                values[i] = convert(columns.get(i), field.schema(), image.get(field));
            }
        }
        return values;
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
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, YEAR -> ((Number) value).longValue();
            case BIT -> bits(value);
            case TIME -> value instanceof Number n ? TimeText.of(n.longValue(), semantic, column.type()) : value.toString();
            case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
            case DECIMAL -> new BigDecimal(value.toString());
            case UUID -> UUID.fromString(value.toString());
            case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
            case TIMESTAMP -> timestamp(semantic, ((Number) value).longValue());
            case TIMESTAMP_TZ -> OffsetDateTime.parse(value.toString()).toInstant();
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(item == null ? null : element(column, schema.valueSchema(), item));
                }
                yield items;
            }
            default -> value instanceof ByteBuffer buffer ? bytes(buffer) : value.toString();
        };
    }

    private static boolean isUnavailable(Object value) {
        if (value instanceof String text) {
            return text.equals(UNAVAILABLE_TEXT);
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining() == UNAVAILABLE_TEXT.length()
                    && UNAVAILABLE_TEXT.equals(new String(bytes(buffer), java.nio.charset.StandardCharsets.US_ASCII));
        }
        return value instanceof List<?> list && list.size() == 1 && UNAVAILABLE_TEXT.equals(list.get(0));
    }

    /** MySQL BIT(1) arrives as a boolean, wider BIT(n) as little-endian bytes. */
    private static long bits(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        byte[] bytes = value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value;
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

    private static LocalDateTime timestamp(String semantic, long value) {
        long micros = switch (semantic) {
            case "io.debezium.time.Timestamp" -> value * 1000;
            case "io.debezium.time.NanoTimestamp" -> value / 1000;
            default -> value; // io.debezium.time.MicroTimestamp
        };
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
