package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.StreamColumn;
import dev.ferry.core.config.StreamEnrichment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a dimension table's columns to a row by key, from a copy of the table kept in memory. The copy is
 * read again every {@code refresh_seconds}, and sooner (at most every few seconds) when a key is missing, so
 * a product added a moment ago is found. Tables Ferry keeps as ReplacingMergeTree are read with
 * {@code FINAL}, and CDC tables without their deleted rows.
 */
final class Enricher {

    private static final long MISS_RELOAD_NANOS = 5_000_000_000L;

    private final ClickHouseGateway clickhouse;
    private final StreamEnrichment enrichment;
    private final int keyIndex;
    private final String query;
    private Map<String, List<String>> rows = Map.of();
    private long loadedNanos;

    Enricher(ClickHouseGateway clickhouse, StreamEnrichment enrichment, int keyIndex) {
        this.clickhouse = clickhouse;
        this.enrichment = enrichment;
        this.keyIndex = keyIndex;
        this.query = query();
    }

    private String query() {
        String[] parts = enrichment.table().split("\\.");
        String where = " WHERE database = " + ClickHouseGateway.quoteString(parts[0]) + " AND ";
        String engine = clickhouse.queryValue("SELECT engine FROM system.tables" + where + "name = "
                + ClickHouseGateway.quoteString(parts[1]));
        if (engine == null || engine.isEmpty()) {
            throw new dev.ferry.core.FerryException("enrichment table " + enrichment.table() + " does not exist");
        }
        boolean deletes = clickhouse.queryLong("SELECT count() FROM system.columns" + where + "table = "
                + ClickHouseGateway.quoteString(parts[1]) + " AND name = '_is_deleted'") > 0;
        StringBuilder sql = new StringBuilder("SELECT toString(").append(ClickHouseGateway.quoteIdentifier(enrichment.on()))
                .append(")");
        for (StreamColumn column : enrichment.columns()) {
            sql.append(", ").append(ClickHouseGateway.quoteIdentifier(column.path()));
        }
        sql.append(" FROM ").append(ClickHouseGateway.quoteIdentifier(parts[0])).append('.')
                .append(ClickHouseGateway.quoteIdentifier(parts[1]));
        if (engine.contains("ReplacingMergeTree")) {
            sql.append(" FINAL");
        }
        if (deletes) {
            sql.append(" WHERE _is_deleted = 0");
        }
        return sql.toString();
    }

    /** The row with the enrichment's columns appended. */
    Object[] apply(Object[] row) throws BadMessageException {
        Object key = row[keyIndex];
        List<String> found = key == null ? null : lookup(key.toString());
        Object[] extended = Arrays.copyOf(row, row.length + enrichment.columns().size());
        for (int i = 0; i < enrichment.columns().size(); i++) {
            StreamColumn column = enrichment.columns().get(i);
            if (found == null && column.required()) {
                throw new BadMessageException("enrichment: no row with " + enrichment.on() + " = " + key + " in "
                        + enrichment.table() + " for required column " + column.name());
            }
            extended[row.length + i] = found == null ? null : ColumnValues.convert(column, found.get(i));
        }
        return extended;
    }

    private List<String> lookup(String key) {
        long now = System.nanoTime();
        if (now - loadedNanos > enrichment.refreshSeconds() * 1_000_000_000L) {
            load();
        }
        List<String> found = rows.get(key);
        if (found == null && System.nanoTime() - loadedNanos > MISS_RELOAD_NANOS) {
            load();
            found = rows.get(key);
        }
        return found;
    }

    private void load() {
        Map<String, List<String>> fresh = new HashMap<>();
        for (List<String> row : clickhouse.queryAll(query)) {
            fresh.put(row.get(0), new ArrayList<>(row.subList(1, row.size())));
        }
        rows = fresh;
        loadedNanos = System.nanoTime();
    }
}
