package dev.ferry.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source table as read from the source's catalog: columns in order, primary key, comment.
 *
 * @param inheritanceChildren PostgreSQL tables that inherit from this one ({@code INHERITS}); a plain
 *                            {@code SELECT} of a parent returns their rows too, so Ferry reads the parent's own
 *                            rows only ({@code FROM ONLY}) and the children as tables of their own
 */
public record TableSpec(TableId id, List<ColumnSpec> columns, List<String> primaryKey, String comment,
        List<TableId> inheritanceChildren) {

    public TableSpec {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        comment = comment == null ? "" : comment;
        inheritanceChildren = List.copyOf(inheritanceChildren);
    }

    public TableSpec(TableId id, List<ColumnSpec> columns, List<String> primaryKey, String comment) {
        this(id, columns, primaryKey, comment, List.of());
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
