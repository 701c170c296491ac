package dev.ferry.sync.validate;

import dev.ferry.core.schema.ColumnSpec;

/**
 * The part of a table one comparison holds in memory. A table with an integer key is compared by key range
 * (the snapshot's chunks), each read on both sides with a WHERE. Any other table (text or UUID keys, composite
 * keys, no key) has no range to read by, so each side is read whole once per slice and only rows whose key
 * falls into the slice by hash are kept: {@code passes} reads instead of one, but memory bounded by
 * {@code chunk_rows} rather than by the table's size (both sides' keys of a 5M-row table in one map took
 * gigabytes; Ferry runs with a 512 MB heap by default).
 *
 * @param bounds the key range, or null for a slice of the whole table by key hash
 * @param pass   this slice's number among {@code passes}, from 0
 */
record Slice(long[] bounds, int pass, int passes) {

    static Slice range(long[] bounds) {
        return new Slice(bounds, 0, 1);
    }

    /** Slices of a table without an integer key, each holding about {@code chunkRows} of its {@code rows}. */
    static java.util.List<Slice> byHash(long rows, int chunkRows) {
        int passes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + chunkRows - 1) / chunkRows));
        java.util.List<Slice> slices = new java.util.ArrayList<>(passes);
        for (int pass = 0; pass < passes; pass++) {
            slices.add(new Slice(null, pass, passes));
        }
        return slices;
    }

    /** Whether a row with this key text belongs to the slice (String.hashCode is fixed by the language spec). */
    boolean holds(String key) {
        // mixed, so that keys whose hashes differ only in high bits still spread over the passes
        int hash = key.hashCode();
        return passes == 1 || Math.floorMod(hash ^ (hash >>> 16), passes) == pass;
    }

    /** Whether source rows that cannot be written are collected here: once per table, in the first slice. */
    boolean collectsDeadLetters() {
        return bounds != null || pass == 0;
    }

    String describe(ColumnSpec split) {
        if (bounds != null) {
            return split.name() + " " + bounds[0] + ".." + bounds[1];
        }
        return passes == 1 ? "whole table" : "whole table, key-hash slice " + (pass + 1) + " of " + passes;
    }
}
