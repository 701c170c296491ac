package dev.ferry.clickhouse.types;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Splits a RowBinary stream from ClickHouse into rows, copying each row's bytes unchanged and noting where
 * each column starts. Validation compares these bytes with the source rows encoded by
 * {@link RowBinaryEncoder}, so no value is ever reinterpreted on the way. Also decodes single columns to
 * text, for reporting keys.
 */
public final class RowBinaryRowReader {

    private final PushbackInputStream in;
    private final ChType[] types;
    private final byte[] scratch = new byte[8192];

    public RowBinaryRowReader(InputStream in, List<ChType> types) {
        this.in = new PushbackInputStream(in, 1);
        this.types = types.toArray(ChType[]::new);
    }

    /**
     * Reads the next row into {@code row} (reset first), recording column offsets in {@code starts}
     * (length = columns + 1). Returns false at the end of the stream.
     */
    public boolean next(ByteSink row, int[] starts) throws IOException {
        row.reset();
        int first = in.read();
        if (first < 0) {
            return false;
        }
        in.unread(first);
        for (int c = 0; c < types.length; c++) {
            starts[c] = row.size();
            copyValue(types[c], row);
        }
        starts[types.length] = row.size();
        return true;
    }

    private void copyValue(ChType type, ByteSink row) throws IOException {
        if (type.nullable()) {
            int flag = readByte();
            row.writeByte(flag);
            if (flag == 1) {
                return;
            }
        }
        switch (type.kind()) {
            case STRING -> {
                long length = copyVarInt(row);
                copy(row, (int) length);
            }
            case ARRAY -> {
                long count = copyVarInt(row);
                for (long i = 0; i < count; i++) {
                    copyValue(type.element(), row);
                }
            }
            case DECIMAL -> copy(row, type.decimalWidth());
            default -> copy(row, type.kind().width());
        }
    }

    private long copyVarInt(ByteSink row) throws IOException {
        long value = 0;
        int shift = 0;
        int b = readByte();
        while (true) {
            row.writeByte(b);
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            b = readByte();
        }
    }

    private void copy(ByteSink row, int length) throws IOException {
        int remaining = length;
        while (remaining > 0) {
            int n = in.read(scratch, 0, Math.min(scratch.length, remaining));
            if (n < 0) {
                throw new EOFException("RowBinary stream ended inside a value");
            }
            row.write(scratch, 0, n);
            remaining -= n;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("RowBinary stream ended inside a row");
        }
        return b;
    }

    /** Text of one encoded value (a key column), as ClickHouse would print it. */
    public static String decodeText(ChType type, byte[] bytes, int from, int to) {
        int pos = from;
        if (type.nullable()) {
            if (bytes[pos] == 1) {
                return "NULL";
            }
            pos++;
        }
        return switch (type.kind()) {
            case INT8 -> Byte.toString(bytes[pos]);
            case UINT8, BOOL -> Integer.toString(bytes[pos] & 0xFF);
            case INT16 -> Short.toString((short) le(bytes, pos, 2));
            case UINT16 -> Long.toString(le(bytes, pos, 2));
            case INT32 -> Integer.toString((int) le(bytes, pos, 4));
            case UINT32 -> Long.toString(le(bytes, pos, 4));
            case INT64 -> Long.toString(le(bytes, pos, 8));
            case UINT64 -> Long.toUnsignedString(le(bytes, pos, 8));
            case STRING -> {
                int length = 0;
                int shift = 0;
                while ((bytes[pos] & 0x80) != 0) {
                    length |= (bytes[pos++] & 0x7F) << shift;
                    shift += 7;
                }
                length |= (bytes[pos++] & 0x7F) << shift;
                yield new String(bytes, pos, length, StandardCharsets.UTF_8);
            }
            case UUID -> new UUID(le(bytes, pos, 8), le(bytes, pos + 8, 8)).toString();
            case DATE -> LocalDate.ofEpochDay(le(bytes, pos, 2)).toString();
            case DATE32 -> LocalDate.ofEpochDay((int) le(bytes, pos, 4)).toString();
            case DATETIME -> java.time.Instant.ofEpochSecond(le(bytes, pos, 4)).toString();
            case DATETIME64 -> {
                long ticks = le(bytes, pos, 8);
                long perSecond = BigInteger.TEN.pow(type.precision()).longValueExact();
                yield java.time.Instant.ofEpochSecond(Math.floorDiv(ticks, perSecond),
                        Math.floorMod(ticks, perSecond) * (1_000_000_000L / perSecond)).toString();
            }
            case DECIMAL -> {
                byte[] bigEndian = new byte[type.decimalWidth()];
                for (int i = 0; i < bigEndian.length; i++) {
                    bigEndian[i] = bytes[pos + bigEndian.length - 1 - i];
                }
                yield new BigDecimal(new BigInteger(bigEndian), type.scale()).toPlainString();
            }
            default -> "0x" + java.util.HexFormat.of().formatHex(bytes, pos, to);
        };
    }

    private static long le(byte[] bytes, int pos, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[pos + i] & 0xFF);
        }
        return value;
    }
}
