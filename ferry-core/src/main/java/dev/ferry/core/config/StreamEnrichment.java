package dev.ferry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Columns a stream pipeline adds to each row from a ClickHouse dimension table, looked up by a key the
 * message carries (e.g. order items get their product's category from {@code shop.products}).
 *
 * @param table    the dimension table, {@code database.table}
 * @param key      the pipeline's column holding the key
 * @param on       the dimension table's key column
 * @param columns  the added columns: name (a column of the dimension table) and type, as stream columns
 * @param refreshSeconds how often the dimension table is read again
 */
public record StreamEnrichment(String table, String key, String on, List<StreamColumn> columns, int refreshSeconds) {

    public StreamEnrichment {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(on, "on");
        columns = List.copyOf(columns);
    }
}
