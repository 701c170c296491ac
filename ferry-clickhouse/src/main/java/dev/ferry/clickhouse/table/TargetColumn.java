package dev.ferry.clickhouse.table;

import dev.ferry.clickhouse.types.ChType;
import java.util.Objects;

/** One column of a ClickHouse table Ferry writes. */
public record TargetColumn(String name, ChType type, String comment) {

    public TargetColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        comment = comment == null ? "" : comment;
    }
}
