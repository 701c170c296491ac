package dev.ferry.cdc.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One table per theme with a column per type (and a NOT NULL twin of each nullable column), so a whole
 * type list costs one table. Every row is a different corner: all first values, all second values, all
 * explicit NULLs, all DEFAULTs. The changes then swap values, set every column to NULL (a column with a
 * non-NULL DEFAULT must stay NULL), insert NULL and DEFAULT rows, touch only the cursor (an update that
 * leaves every value as it was) and, where the mode can see them, delete a row and change a key.
 *
 * <p>Each table has {@code id} (the key) and {@code rev} (the incremental cursor, raised by every statement).
 */
final class WideTable {

    private final String name;
    private final List<Col> columns;
    private final String tableOptions;

    private WideTable(String name, List<Col> columns, String tableOptions) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.tableOptions = tableOptions;
    }

    /** The table with each nullable column that has a DEFAULT followed by its NOT NULL twin. */
    static WideTable of(String name, List<Col> declared) {
        return of(name, declared, true, "");
    }

    static WideTable of(String name, List<Col> declared, boolean twins, String tableOptions) {
        List<Col> columns = new ArrayList<>();
        for (Col col : declared) {
            columns.add(col);
            if (twins && col.nullable() && col.dflt() != null) {
                columns.add(col.twin());
            }
        }
        return new WideTable(name, columns, tableOptions);
    }

    String name() {
        return name;
    }

    String create() {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + name + " (id int PRIMARY KEY, rev bigint NOT NULL");
        for (Col col : columns) {
            sql.append(", ").append(col.definition());
        }
        return sql.append(")").append(tableOptions.isEmpty() ? "" : " " + tableOptions).toString();
    }

    /** CREATE TABLE and the four starting rows: first values, second values, NULLs, DEFAULTs. */
    List<String> setup() {
        return List.of(create(), insert(1, 1, Col::a), insert(2, 2, Col::b), insert(3, 3, WideTable::nullOrDefault),
                "INSERT INTO " + name + " (id, rev) VALUES (4, 4)");
    }

    /** The changes after the first load; revs start above every rev of {@link #setup()}. */
    List<String> changes(Mode mode) {
        List<String> sql = new ArrayList<>(List.of(
                update(1, 101, Col::b),
                update(2, 102, WideTable::nullOrDefault),
                update(3, 103, Col::a),
                insert(5, 104, WideTable::nullOrDefault),
                "INSERT INTO " + name + " (id, rev) VALUES (6, 105)",
                insert(7, 106, Col::a),
                "UPDATE " + name + " SET rev = 107 WHERE id = 7"));
        if (mode == Mode.CDC) {
            // an incremental run cannot see deletes or the old key of a key change (docs/configuration.md)
            sql.add("DELETE FROM " + name + " WHERE id = 4");
            sql.add("UPDATE " + name + " SET id = 8, rev = 108 WHERE id = 6");
        }
        return sql;
    }

    private static String nullOrDefault(Col col) {
        return col.nullable() ? "NULL" : "DEFAULT";
    }

    private String insert(int id, int rev, Function<Col, String> value) {
        StringBuilder names = new StringBuilder("id, rev");
        StringBuilder values = new StringBuilder(id + ", " + rev);
        for (Col col : columns) {
            names.append(", ").append(col.name());
            values.append(", ").append(value.apply(col));
        }
        return "INSERT INTO " + name + " (" + names + ") VALUES (" + values + ")";
    }

    private String update(int id, int rev, Function<Col, String> value) {
        StringBuilder sets = new StringBuilder("rev = " + rev);
        for (Col col : columns) {
            sets.append(", ").append(col.name()).append(" = ").append(value.apply(col));
        }
        return "UPDATE " + name + " SET " + sets + " WHERE id = " + id;
    }
}
