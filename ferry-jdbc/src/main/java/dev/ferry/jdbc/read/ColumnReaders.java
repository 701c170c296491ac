package dev.ferry.jdbc.read;

import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.jdbc.SourceKind;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

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
            case DECIMAL_TEXT, STRING, JSON, TIME, INTERVAL, ENUM, SET -> ResultSet::getString;
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

    private static Object decimal(ResultSet rs, int index) throws java.sql.SQLException {
        String text = rs.getString(index);
        if (text == null) {
            return null;
        }
        // NaN and ±Infinity are valid PostgreSQL numerics but no Java BigDecimal: the row becomes a dead letter
        return new BigDecimal(text);
    }

    private static ColumnReader array(LogicalType element) {
        return (rs, i) -> {
            Array array = rs.getArray(i);
            if (array == null) {
                return null;
            }
            Object[] raw = (Object[]) array.getArray();
            List<Object> values = new ArrayList<>(raw.length);
            for (Object item : raw) {
                values.add(normalise(element.kind(), item));
            }
            return Collections.unmodifiableList(values);
        };
    }

    private static Object normalise(LogicalKind kind, Object item) {
        if (item == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN -> item;
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BIT, YEAR -> ((Number) item).longValue();
            case FLOAT32, FLOAT64 -> ((Number) item).doubleValue();
            case DECIMAL -> new BigDecimal(item.toString());
            case UUID -> item instanceof UUID u ? u : UUID.fromString(item.toString());
            case DATE -> TemporalText.date(item.toString());
            case TIMESTAMP -> TemporalText.timestamp(item.toString());
            case TIMESTAMP_TZ -> TemporalText.instant(item.toString());
            case BYTES -> item;
            default -> item.toString();
        };
    }
}
