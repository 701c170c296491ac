package dev.ferry.clickhouse.types;

import java.io.InputStream;
import java.util.Arrays;

/** A growable byte buffer with the little-endian and varint writes RowBinary needs. */
public final class ByteSink {

    private byte[] bytes;
    private int size;

    public ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** Drops everything written after {@code mark}, e.g. a row that turned out to be bad halfway. */
    public void truncate(int mark) {
        size = mark;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void write(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    /** Writes the chars of an ASCII-only string, one byte each. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly "low byte of each char"
    public void writeAscii(String text) {
        ensure(text.length());
        text.getBytes(0, text.length(), bytes, size);
        size += text.length();
    }

    public void writeShortLE(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
    }

    public void writeIntLE(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void writeLongLE(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** Unsigned LEB128, as RowBinary uses for lengths. */
    public void writeVarInt(long v) {
        long value = v;
        while ((value & ~0x7FL) != 0) {
            writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        writeByte((int) value);
    }

    /** The bytes written so far as a stream (no copy; do not write while it is read). */
    public InputStream asInputStream() {
        return new java.io.ByteArrayInputStream(bytes, 0, size);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Bytes [from, to) as a new array. */
    public byte[] slice(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
