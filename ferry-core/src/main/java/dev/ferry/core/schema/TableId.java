package dev.ferry.core.schema;

import java.util.Objects;

/** A source table's schema (PostgreSQL schema or MySQL database) and name. */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code schema.table}, or a bare {@code table} in {@code defaultSchema}. */
    public static TableId parse(String qualified, String defaultSchema) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? new TableId(defaultSchema, qualified)
                : new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public int compareTo(TableId other) {
        return qualified().compareTo(other.qualified());
    }

    @Override
    public String toString() {
        return qualified();
    }
}
