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
 * @param deletes     how deleted source rows are kept (CDC targets): not at all, as a {@code _is_deleted}
 *                    column, or a column the engine itself uses to drop deleted rows (23.2+)
 */
public record TargetTable(String database, String name, List<TargetColumn> columns, Engine engine,
        List<String> orderBy, String partitionBy, Deletes deletes) {

    /** Name of the version column of ReplacingMergeTree tables. */
    public static final String VERSION_COLUMN = "_version";

    /** Name of the deleted-row flag of CDC tables. */
    public static final String DELETED_COLUMN = "_is_deleted";

    public enum Engine { REPLACING_MERGE_TREE, MERGE_TREE }

    public enum Deletes { NONE, COLUMN, ENGINE_COLUMN }

    public TargetTable(String database, String name, List<TargetColumn> columns, Engine engine, List<String> orderBy,
            String partitionBy) {
        this(database, name, columns, engine, orderBy, partitionBy, Deletes.NONE);
    }

    public TargetTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(deletes, "deletes");
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
    }

    public String qualifiedName() {
        return ClickHouseGateway.quoteIdentifier(database) + "." + ClickHouseGateway.quoteIdentifier(name);
    }

    public TargetTable renamed(String newName) {
        return new TargetTable(database, newName, columns, engine, orderBy, partitionBy, deletes);
    }

    public TargetTable withDeletes(Deletes mode) {
        return new TargetTable(database, name, columns, engine, orderBy, partitionBy, mode);
    }

    /** Source columns followed by {@code _version} where the engine needs it, in insert order. */
    public List<String> insertColumnNames() {
        List<String> names = new java.util.ArrayList<>(columns.stream().map(TargetColumn::name).toList());
        if (engine == Engine.REPLACING_MERGE_TREE) {
            names.add(VERSION_COLUMN);
        }
        if (deletes != Deletes.NONE) {
            names.add(DELETED_COLUMN);
        }
        return names;
    }
}
