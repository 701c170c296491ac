package dev.ferry.core.schema;

import java.util.Objects;

/** One source column: name, type, nullability and comment. */
public record ColumnSpec(String name, LogicalType type, boolean nullable, String comment) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        comment = comment == null ? "" : comment;
    }
}
