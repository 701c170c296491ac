package dev.ferry.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A source table as read from the source's catalog: columns in order, primary key, comment. */
public record TableSpec(TableId id, List<ColumnSpec> columns, List<String> primaryKey, String comment) {

    public TableSpec {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        comment = comment == null ? "" : comment;
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
