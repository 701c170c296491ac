package dev.ferry.clickhouse.table;

import dev.ferry.clickhouse.ClickHouseGateway;
import java.util.List;
import java.util.Objects;

/**
 * A ClickHouse table as Ferry creates it: the source's columns, then Ferry's own {@code _version} for
 * deduplicating engines.
 *
 * @param orderBy     sorting key expressions; empty means {@code tuple()} (keyless append-only tables)
 * @param partitionBy PARTITION BY expression, or null
 */
public record TargetTable(String database, String name, List<TargetColumn> columns, Engine engine,
        List<String> orderBy, String partitionBy) {

    /** Name of the version column of ReplacingMergeTree tables. */
    public static final String VERSION_COLUMN = "_version";

    public enum Engine { REPLACING_MERGE_TREE, MERGE_TREE }

    public TargetTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
    }

    public String qualifiedName() {
        return ClickHouseGateway.quoteIdentifier(database) + "." + ClickHouseGateway.quoteIdentifier(name);
    }

    public TargetTable renamed(String newName) {
        return new TargetTable(database, newName, columns, engine, orderBy, partitionBy);
    }

    /** Source columns followed by {@code _version} where the engine needs it, in insert order. */
    public List<String> insertColumnNames() {
        List<String> names = new java.util.ArrayList<>(columns.stream().map(TargetColumn::name).toList());
        if (engine == Engine.REPLACING_MERGE_TREE) {
            names.add(VERSION_COLUMN);
        }
        return names;
    }
}
