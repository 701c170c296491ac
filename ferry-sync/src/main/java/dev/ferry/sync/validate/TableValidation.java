package dev.ferry.sync.validate;

import java.util.List;

/**
 * Result of comparing one table.
 *
 * @param chunks           key-range chunks compared
 * @param badChunks        descriptions of chunks whose checksums differ
 * @param missing          keys in the source but not in ClickHouse (first few)
 * @param extra            keys in ClickHouse but not in the source (first few)
 * @param different        keys whose values differ (first few)
 * @param mismatchedRows   total rows missing, extra or different
 * @param unwritable       source rows that cannot be written (they are in the dead-letter table)
 */
public record TableValidation(String table, long sourceRows, long clickhouseRows, int chunks, List<String> badChunks,
        List<String> missing, List<String> extra, List<String> different, long mismatchedRows, long unwritable,
        String problem) {

    public boolean equal() {
        return problem == null && mismatchedRows == 0;
    }
}
