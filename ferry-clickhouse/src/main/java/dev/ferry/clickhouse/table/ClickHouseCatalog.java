package dev.ferry.clickhouse.table;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteString;

import dev.ferry.clickhouse.ClickHouseGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What exists on the ClickHouse side: tables and their column types. */
public final class ClickHouseCatalog {

    private final ClickHouseGateway gateway;

    public ClickHouseCatalog(ClickHouseGateway gateway) {
        this.gateway = gateway;
    }

    /** Column name → type text as the server spells it, in table order; empty when the table is missing. */
    public Optional<Map<String, String>> columns(String database, String table) {
        List<List<String>> rows = gateway.queryAll("SELECT name, type FROM system.columns WHERE database = "
                + quoteString(database) + " AND table = " + quoteString(table));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> columns = new LinkedHashMap<>();
        rows.forEach(r -> columns.put(r.get(0), r.get(1)));
        return Optional.of(columns);
    }

    public boolean exists(String database, String table) {
        return gateway.queryLong("SELECT count() FROM system.tables WHERE database = " + quoteString(database)
                + " AND name = " + quoteString(table)) > 0;
    }

    public void createDatabase(String database) {
        gateway.execute("CREATE DATABASE IF NOT EXISTS " + ClickHouseGateway.quoteIdentifier(database));
    }

    /**
     * Creates the endpoint's database when missing. Goes through {@code default}: a gateway bound to a
     * database that does not exist yet could not create it.
     */
    public static void ensureDatabase(dev.ferry.clickhouse.ClickHouseEndpoint endpoint) {
        try (ClickHouseGateway bootstrap = new ClickHouseGateway(endpoint.withDatabase("default"))) {
            new ClickHouseCatalog(bootstrap).createDatabase(endpoint.database());
        }
    }
}
