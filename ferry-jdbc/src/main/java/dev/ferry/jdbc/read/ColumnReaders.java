package dev.ferry.jdbc.read;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.jdbc.SourceKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.postgresql.util.PGbytea;

/** Picks how to read each logical kind from JDBC so that the value has its kind's Java class. */
final class ColumnReaders {

    private ColumnReaders() {
    }

    static ColumnReader forType(SourceKind source, LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            };
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
            // above Long.MAX_VALUE: keep the 64 bits, ClickHouse's UInt64 reads them back unsigned
            case UINT64 -> (rs, i) -> {
                BigDecimal v = rs.getBigDecimal(i);
                return v == null ? null : v.toBigIntegerExact().longValue();
            };
            case FLOAT32 -> (rs, i) -> {
                float v = rs.getFloat(i);
                return rs.wasNull() ? null : (double) v;
            };
            case FLOAT64 -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
            case DECIMAL -> ColumnReaders::decimal;
            case DECIMAL_TEXT -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : plainNumeric(v);
            };
            case STRING -> source == SourceKind.POSTGRES && type.nativeType().endsWith("[]")
                    ? multiDimensionalArray(type) : ResultSet::getString;
            case JSON, TIME, INTERVAL, ENUM, SET -> ResultSet::getString;
            case BYTES -> ResultSet::getBytes;
            case UUID -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : UUID.fromString(v);
            };
            case DATE -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : TemporalText.date(v);
            };
            case TIMESTAMP -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : TemporalText.timestamp(v);
            };
            case TIMESTAMP_TZ -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : TemporalText.instant(v);
            };
            case BIT -> (rs, i) -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    return null;
                }
                long bits = 0;
                for (byte b : v) {
                    bits = (bits << 8) | (b & 0xFF);
                }
                return bits;
            };
            case YEAR -> (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : Long.parseLong(v.length() > 4 ? v.substring(0, 4) : v);
            };
            case ARRAY -> array(type.element());
        };
    }

    /**
     * PostgreSQL prints numerics in plain notation, but a binary-transferred numeric (pgjdbc switches to binary
     * after a statement has run a few times) comes back as BigDecimal text such as {@code 1E-10}.
     */
    private static String plainNumeric(String text) {
        return text.indexOf('E') >= 0 || text.indexOf('e') >= 0 ? new BigDecimal(text).toPlainString() : text;
    }

    /** An array kept as text: in the server's own spelling whichever way pgjdbc received it. */
    private static ColumnReader multiDimensionalArray(LogicalType type) {
        char delimiter = delimiter(type.nativeType().substring(0, type.nativeType().length() - 2));
        return (rs, i) -> {
            String v = rs.getString(i);
            return v == null ? null : PgArrayText.canonical(v, delimiter);
        };
    }

    /** PostgreSQL separates array elements with commas, except for box, which uses semicolons. */
    private static char delimiter(String elementType) {
        return "box".equals(elementType) ? ';' : ',';
    }

    private static Object decimal(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        if (text == null) {
            return null;
        }
        // NaN and ±Infinity are valid PostgreSQL numerics but no Java BigDecimal: the row becomes a dead letter
        return new BigDecimal(text);
    }

    private static ColumnReader array(LogicalType element) {
        char delimiter = delimiter(element.nativeType());
        return (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            List<String> items = PgArrayText.elements(text, delimiter);
            List<Object> values = new ArrayList<>(items.size());
            for (String item : items) {
                values.add(item == null ? null : element(element.kind(), item));
            }
            return Collections.unmodifiableList(values);
        };
    }

    /** One array element from its PostgreSQL text; throws (making the row bad) when the kind cannot hold it. */
    private static Object element(LogicalKind kind, String text) throws SQLException {
        return switch (kind) {
            case BOOLEAN -> switch (text) {
                case "t", "true" -> Boolean.TRUE;
                case "f", "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean: " + text);
            };
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BIT, YEAR -> Long.parseLong(text);
            case FLOAT32 -> (double) Float.parseFloat(text);
            case FLOAT64 -> Double.parseDouble(text);
            case DECIMAL -> new BigDecimal(text);
            case DECIMAL_TEXT -> plainNumeric(text);
            case UUID -> UUID.fromString(text);
            case DATE -> TemporalText.date(text);
            case TIMESTAMP -> TemporalText.timestamp(text);
            case TIMESTAMP_TZ -> TemporalText.instant(text);
            case BYTES -> PGbytea.toBytes(text.getBytes(StandardCharsets.US_ASCII));
            default -> text;
        };
    }
}
