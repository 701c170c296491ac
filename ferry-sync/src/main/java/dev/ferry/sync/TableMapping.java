package dev.ferry.sync;

import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.clickhouse.types.RowEncoder;
import dev.ferry.core.schema.TableSpec;
import java.util.List;

/**
 * How one source table lands in ClickHouse: the target table, the ClickHouse type and encoder of every
 * column, and which source columns form the key used for chunks and validation.
 *
 * @param keyColumns    indexes (into the source columns) of the key, in key order; empty for keyless tables
 * @param cursorColumn  incremental cursor column, or null in snapshot mode
 */
public record TableMapping(TableSpec source, TargetTable target, List<ChType> types, RowEncoder encoder,
        List<Integer> keyColumns, String cursorColumn) {

    public TableMapping {
        types = List.copyOf(types);
        keyColumns = List.copyOf(keyColumns);
    }

    public String name() {
        return source.id().qualified();
    }

    public boolean keyed() {
        return !keyColumns.isEmpty();
    }
}
