package dev.ferry.cdc;

/**
 * Turns a binlog position (file, byte offset of the event, row within the event) into one growing number:
 * {@code fileIndex * 2^44 + pos * 2^12 + row}. The next event starts at least one byte per row later, so a
 * row index above 4095 cannot reach the next event's value; offsets stay below 2^32 (MySQL's largest
 * binlog file is 4 GiB) and file indexes below 2^19.
 */
final class BinlogVersion {

    private BinlogVersion() {
    }

    static long of(String file, long pos, int row) {
        int dot = file.lastIndexOf('.');
        long index;
        try {
            index = Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("binlog file name without a numeric suffix: " + file, e);
        }
        if (index >= 1L << 19 || pos < 0 || pos >= 1L << 32) {
            throw new IllegalArgumentException("binlog position out of Ferry's version range: " + file + ":" + pos);
        }
        return (index << 44) + (pos << 12) + row;
    }
}
