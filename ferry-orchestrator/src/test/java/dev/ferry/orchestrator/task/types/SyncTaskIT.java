package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class SyncTaskIT {

    @TempDir
    Path dir;

    private final SyncTask sync = new SyncTask();

    private static final String PIPELINES = """
            pipelines:
              - name: shop
                source: {connection: pg, tables: [public.customers, public.orders]}
                target: {connection: ch}
                mode: incremental
                cursor: updated_at
              - name: live
                mode: cdc
                source: {connection: pg, tables: [public.orders]}
                target: {connection: ch}
            """;

    private static void postgres(TestDatabases db, String... statements) throws Exception {
        try (Connection pg = db.postgresConnection(); Statement st = pg.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void syncsAPipelineAndLogsEachTable(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config("", PIPELINES);
        postgres(db, "CREATE TABLE customers (id int PRIMARY KEY, name text, updated_at timestamp NOT NULL)",
                "INSERT INTO customers SELECT g, 'c' || g, '2026-01-01' FROM generate_series(1, 20) g",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, updated_at timestamp NOT NULL)",
                "INSERT INTO orders SELECT g, g % 20 + 1, '2026-01-01' FROM generate_series(1, 300) g");
        SyncSettings settings = DagText.settings(dir, "type: sync\npipeline: shop");

        Map<String, Object> output = sync.run(settings, f.context(config));
        assertThat(output).containsEntry("pipeline", "shop").containsEntry("rows", 320L)
                .containsEntry("dead_letters", 0L);
        assertThat((Map<String, Object>) output.get("tables")).isEqualTo(Map.of("public.customers", 20L,
                "public.orders", 300L));
        assertThat(db.clickhouseHttp().execute("SELECT count() FROM " + db.clickhouse() + ".orders FINAL").strip())
                .isEqualTo("300");
        assertThat(f.log.text()).contains("pipeline shop: incremental from pg to ch/" + db.clickhouse(),
                "public.orders: snapshot", "public.orders → ", ": 300 rows (snapshot) in ",
                "pipeline shop: 320 rows in 2 tables");

        // the next run continues incrementally, for the listed table only
        postgres(db, "INSERT INTO orders VALUES (301, 1, '2026-02-01')",
                "UPDATE customers SET name = 'x', updated_at = '2026-02-01' WHERE id = 1");
        SyncSettings onlyOrders = DagText.settings(dir, "type: sync\npipeline: shop\ntables: [public.orders]");
        Map<String, Object> next = sync.run(onlyOrders, f.context(config));
        // the new row, and the 300 rows within the default lookback of the mark (precision + 1 min) again
        assertThat((Map<String, Object>) next.get("tables")).isEqualTo(Map.of("public.orders", 301L));
        assertThat(f.log.text()).contains("public.orders: incremental");
    }

    @Test
    void failsWhenATableSendsMoreRowsToTheDeadLettersThanItsLimitAllows(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        postgres(db, "CREATE TABLE customers (id int PRIMARY KEY, balance numeric(8,2), updated_at timestamp NOT NULL)",
                "INSERT INTO customers SELECT g, CASE WHEN g <= 2 THEN 'NaN'::numeric ELSE g END, '2026-01-01'"
                        + " FROM generate_series(1, 20) g",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, updated_at timestamp NOT NULL)",
                "INSERT INTO orders SELECT g, g % 20 + 1, '2026-01-01' FROM generate_series(1, 30) g");
        SyncSettings settings = DagText.settings(dir, "type: sync\npipeline: shop");

        FerryConfig strict = f.config("", PIPELINES);
        assertThatThrownBy(() -> sync.run(settings, f.context(strict))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("a table sent more rows to the dead letters than max_dead_letters allows"
                        + " (everything else was loaded):\n  pipeline shop, table public.customers: 2 of 20 rows read"
                        + " (10%) are dead letters, limit 0 (any dead letter fails the run)");
        assertThat(db.clickhouseHttp().execute("SELECT count() FROM " + db.clickhouse() + ".orders FINAL").strip())
                .isEqualTo("30");
        assertThat(f.log.text()).contains("public.customers: 2 rows could not be written");

        FerryConfig tolerant = f.config("", PIPELINES.replace("    cursor: updated_at\n",
                "    cursor: updated_at\n    max_dead_letters: 10%\n"));
        assertThat(sync.run(settings, f.context(tolerant))).containsEntry("dead_letters", 2L);
    }

    @Test
    void refusesLongRunningPipelinesAndUnknownOnes(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config("", PIPELINES);
        SyncSettings cdc = DagText.settings(dir, "type: sync\npipeline: live");
        assertThatThrownBy(() -> sync.run(cdc, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("pipeline 'live' is in cdc mode: it runs until stopped, as a service (ferry cdc"
                        + " --config " + config.file() + " --pipeline live), not as a task that ends");
        SyncSettings unknown = DagText.settings(dir, "type: sync\npipeline: shoop");
        assertThatThrownBy(() -> sync.run(unknown, f.context(config))).isInstanceOf(FerryException.class)
                .hasMessageContaining("no pipeline 'shoop'").hasMessageContaining("pipelines: shop, live");
    }
}
