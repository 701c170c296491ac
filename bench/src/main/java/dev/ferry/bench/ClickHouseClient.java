package dev.ferry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code clickhouse-client} on the native port: the baselines load through it, so the bench uses it for its
 * own statements too and needs no second ClickHouse client.
 */
final class ClickHouseClient {

    /** Database of the baseline targets; Ferry writes to its own databases ({@code bench_ferry_*}). */
    static final String DB = "bench";
    static final String COLUMNS = "id, user_id, amount, status, note, created_at";

    private final Servers servers;

    ClickHouseClient(Servers servers) {
        this.servers = servers;
    }

    /** The command that runs {@code query}; the password goes through {@code $CH_PASSWORD} when in a shell. */
    List<String> command(String query, boolean forShell) {
        List<String> command = new ArrayList<>(List.of("clickhouse-client", "--host", servers.clickhouse().host(),
                "--port", String.valueOf(servers.clickhouseTcpPort()), "--user", servers.clickhouse().user(),
                "--password", forShell ? "$CH_PASSWORD" : Servers.password(servers.clickhouse())));
        command.add("--query");
        command.add(query);
        return command;
    }

    String query(String query) {
        return Shell.run(command(query, false), Map.of()).strip();
    }

    long count(String table) {
        return Long.parseLong(query("SELECT count() FROM " + table));
    }

    /**
     * A fresh baseline target with the DDL Ferry generates for the source table (checked against Ferry's
     * own target by {@link Bench}), so that every contender writes the same kind of table.
     */
    String freshBaselineTable(String name) {
        query("CREATE DATABASE IF NOT EXISTS " + DB);
        String table = DB + "." + name;
        query("DROP TABLE IF EXISTS " + table);
        query("CREATE TABLE " + table + " (id Int64, user_id Int32, amount Decimal(12, 2), status String,"
                + " note Nullable(String), created_at DateTime('UTC'), _version UInt64)"
                + " ENGINE = ReplacingMergeTree(_version) ORDER BY id");
        return table;
    }

    /** Columns and types of a table, to compare the baseline DDL with Ferry's. */
    String columnTypes(String table) {
        return query("SELECT groupArray(concat(name, ' ', type)) FROM system.columns WHERE database = '"
                + table.substring(0, table.indexOf('.')) + "' AND table = '" + table.substring(table.indexOf('.') + 1)
                + "'");
    }
}
