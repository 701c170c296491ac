package dev.ferry.cdc.torture;

/**
 * A row that docs/type-mapping.md says cannot be written ("Dead letters: out-of-range values and NaN"): it
 * must be in {@code _ferry_dead_letters} with its key and a reason that starts with the column's name and
 * names the value.
 *
 * @param table    the source table's bare name
 * @param key      the row key as Ferry writes it ({@code 5}, or {@code 1,2} for composite keys)
 * @param column   the column the reason must start with ({@code "d: ..."})
 * @param fragment text the reason must contain (the value, e.g. {@code 'infinity'})
 * @param phase    1 when the row is there from the first load, 2 when the changes bring it
 * @param streamed whether a CDC pipeline gets it too (false for changes only batch modes make)
 */
record ExpectedDeadLetter(String table, String key, String column, String fragment, int phase, boolean streamed) {

    boolean matches(String sourceTable, String rowKey, String error) {
        return (sourceTable.equals(table) || sourceTable.endsWith("." + table)) && rowKey.equals(key)
                && error.startsWith(column + ":") && error.contains(fragment);
    }

    @Override
    public String toString() {
        return table + " key " + key + ": \"" + column + ": …" + fragment + "…\"";
    }
}
