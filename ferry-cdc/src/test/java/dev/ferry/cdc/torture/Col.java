package dev.ferry.cdc.torture;

/**
 * One column of a {@link WideTable}: its SQL type, a non-NULL DEFAULT, and two values written as SQL
 * expressions of the source's dialect. The two values are usually the type's extremes or its awkward cases
 * (empty, special characters, NaN...), so every row of the table exercises a different corner.
 *
 * @param dflt     the column's DEFAULT expression; null for a type that brings its own (serial) or has none
 * @param nullable false for columns that cannot hold NULL (their "NULL" rows write DEFAULT instead)
 */
record Col(String name, String type, String dflt, String a, String b, boolean nullable) {

    static Col of(String name, String type, String dflt, String a, String b) {
        return new Col(name, type, dflt, a, b, true);
    }

    /** A column that is NOT NULL by its type (serial) or by choice; it has no NOT NULL twin. */
    static Col notNull(String name, String type, String dflt, String a, String b) {
        return new Col(name, type, dflt, a, b, false);
    }

    String definition() {
        return name + " " + type + (nullable ? "" : " NOT NULL") + (dflt == null ? "" : " DEFAULT " + dflt);
    }

    /** The NOT NULL twin of a nullable column with a default: the same type, mapped to a non-Nullable target. */
    Col twin() {
        return new Col("nn_" + name, type, dflt, a, b, false);
    }
}
