package dev.ferry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Where a pipeline writes: a ClickHouse connection and database, and how target tables are created.
 *
 * @param tablePrefix prepended to source table names to form target table names
 * @param partitionBy default PARTITION BY for created tables, or null for none
 * @param orderBy     default ORDER BY columns, empty to derive them from each table's primary key
 */
public record TargetConfig(String connection, String database, String tablePrefix, EngineChoice engine,
                           String partitionBy, List<String> orderBy) {

    public TargetConfig {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        Objects.requireNonNull(engine, "engine");
        orderBy = List.copyOf(orderBy);
    }
}
