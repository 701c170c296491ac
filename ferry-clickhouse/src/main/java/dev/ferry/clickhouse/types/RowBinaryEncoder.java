package dev.ferry.clickhouse.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Writes values in ClickHouse's RowBinary format. Hand-written rather than client-v2's
 * RowBinaryFormatWriter because validation compares these bytes with what the server returns in the same
 * format, so every conversion (unsigned widths, time zones, decimals) must be Ferry's own and exact; the
 * format itself is small and stable across server versions (18.x to today).
 *
 * <p>Values arrive already converted by {@link ValueConverters}: integers as Long, floats as Double,
 * decimals scaled BigDecimal, strings as String or byte[], dates as LocalDate, date-times as Long ticks.
 */
public final class RowBinaryEncoder {

    private RowBinaryEncoder() {
    }

    public static void write(ByteSink out, ChType type, Object value) {
        if (type.nullable()) {
            if (value == null) {
                out.writeByte(1);
                return;
            }
            out.writeByte(0);
        }
        switch (type.kind()) {
            case INT8, UINT8 -> out.writeByte((int) (long) (Long) value);
            case BOOL -> out.writeByte(((Boolean) value) ? 1 : 0);
            case INT16, UINT16 -> out.writeShortLE((int) (long) (Long) value);
            case INT32, UINT32, DATE32 -> out.writeIntLE((int) (long) (Long) value);
            case INT64, UINT64, DATETIME64 -> out.writeLongLE((Long) value);
            case DATETIME -> out.writeIntLE((int) (long) (Long) value);
            case FLOAT32 -> out.writeIntLE(Float.floatToRawIntBits((float) (double) (Double) value));
            case FLOAT64 -> out.writeLongLE(Double.doubleToRawLongBits((Double) value));
            case DECIMAL -> writeDecimal(out, type, (BigDecimal) value);
            case STRING -> writeString(out, value);
            case UUID -> {
                UUID uuid = (UUID) value;
                out.writeLongLE(uuid.getMostSignificantBits());
                out.writeLongLE(uuid.getLeastSignificantBits());
            }
            case DATE -> out.writeShortLE((int) ((LocalDate) value).toEpochDay());
            case ARRAY -> {
                List<?> items = (List<?>) value;
                out.writeVarInt(items.size());
                for (Object item : items) {
                    write(out, type.element(), item);
                }
            }
        }
    }

    private static void writeString(ByteSink out, Object value) {
        if (value instanceof String text && isAscii(text)) {
            // most strings are ASCII: copy the chars straight in, without an intermediate byte[]
            out.writeVarInt(text.length());
            out.writeAscii(text);
            return;
        }
        byte[] bytes = value instanceof byte[] raw ? raw : ((String) value).getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void writeDecimal(ByteSink out, ChType type, BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        int width = type.decimalWidth();
        if (width == 4) {
            out.writeIntLE(unscaled.intValue());
        } else if (width == 8) {
            out.writeLongLE(unscaled.longValue());
        } else {
            // two's complement, little-endian, sign-extended to the full width
            byte[] bigEndian = unscaled.toByteArray();
            byte fill = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
            for (int i = 0; i < width; i++) {
                int from = bigEndian.length - 1 - i;
                out.writeByte(from >= 0 ? bigEndian[from] : fill);
            }
        }
    }
}
