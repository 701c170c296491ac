package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncOptions;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class ValidateTaskIT {

    @TempDir
    Path dir;

    private final ValidateTask validate = new ValidateTask();

    /** Seed 004's demo table: 100 products in five categories over three months. */
    private static void products(TestDatabases db) {
        String table = db.clickhouse() + ".products";
        db.clickhouseHttp().execute("CREATE TABLE " + table + " (id UInt32, category String, price Float64,"
                + " created_at Date) ENGINE = MergeTree PARTITION BY toYYYYMM(created_at) ORDER BY id");
        db.clickhouseHttp().execute("INSERT INTO " + table + " SELECT number + 1,"
                + " ['Electronics', 'Books', 'Clothing', 'Home', 'Sports'][number % 5 + 1], 10 + number * 9.9,"
                + " toDate('2026-01-31') - number FROM numbers(100)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void passingChecksReportTheirValues(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        products(db);
        ((Map<String, Object>) f.values.get("params")).put("expected", 100);
        ValidateSettings settings = DagText.settings(dir, "expected: {type: int}", """
                type: validate
                connection: ch
                checks:
                  - {name: loaded, sql: SELECT count() FROM products, expect: "= {{ params.expected }}"}
                  - {name: any, sql: "SELECT count() FROM products WHERE created_at <= '{{ ds }}'", expect: "> 0"}
                  - {name: categories, sql: "SELECT category, count() FROM products GROUP BY category", rows: 5}
                  - {name: avg_price, sql: "SELECT round(avg(price), 2) FROM products", expect: between 10 and 1000}
                  - {name: no_bad_prices, sql: "SELECT id, price FROM products WHERE price <= 0", expect: no_rows}
                  - name: monthly_partitions
                    sql: SELECT toYYYYMM(created_at) AS month, count() FROM products GROUP BY month
                    expect: rows >= 3
                """);
        Map<String, Object> output = validate.run(settings, f.context(config));
        assertThat(output).containsEntry("passed", 6).containsEntry("failed", 0);
        assertThat((Map<String, Object>) output.get("checks")).containsEntry("loaded", "100")
                .containsEntry("any", "100").containsEntry("categories", "5").containsEntry("avg_price", "500.05")
                .containsEntry("no_bad_prices", "0").containsEntry("monthly_partitions", "4");
        assertThat(f.log.text()).contains("check 'loaded' passed: 100 (expected = 100)");
    }

    @Test
    void failingChecksNameTheCheckTheQueryTheValueAndTheExpectation(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        products(db);
        ValidateSettings settings = DagText.settings(dir, """
                type: validate
                connection: ch
                checks:
                  - {name: loaded, sql: SELECT count() FROM products, expect: "= 101"}
                  - {name: cheap, sql: "SELECT id, price FROM products WHERE price < 30 ORDER BY id", expect: no_rows}
                  - {name: typo, sql: SELECT cuont() FROM products, expect: "> 0"}
                  - {name: fine, sql: SELECT max(price) FROM products, expect: "< 1000"}
                """);
        assertThatThrownBy(() -> validate.run(settings, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("3 assertions failed:")
                .hasMessageContaining("check 'loaded' failed: SELECT count() FROM products returned 100, expected = 101")
                .hasMessageContaining("check 'cheap' failed: SELECT id, price FROM products WHERE price < 30 ORDER BY id"
                        + " returned 3, expected no_rows")
                .hasMessageContaining("check 'typo': the query failed")
                .hasMessageNotContaining("'fine'");
        // the rows that broke a row-set check are in the log, and the check after the failures still ran
        assertThat(f.log.text()).contains("ERROR   1 | 10", "ERROR   2 | 19.9", "ERROR   3 | 29.8",
                "check 'fine' passed");
    }

    @Test
    void pipelineComparisonPassesWhenEqualAndNamesTheRowsWhenNot(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config("", """
                pipelines:
                  - name: shop
                    source: {connection: pg, tables: [public.orders]}
                    target: {connection: ch}
                """);
        try (Connection pg = db.postgresConnection(); Statement st = pg.createStatement()) {
            st.execute("CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL)");
            st.execute("INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 50) g");
        }
        new PipelineSync(config, config.requirePipeline("shop")).run(SyncOptions.DEFAULT, SyncListener.NONE);
        ValidateSettings settings = DagText.settings(dir, "type: validate\npipeline: shop\ntables: [public.orders]");

        Map<String, Object> output = validate.run(settings, f.context(config));
        assertThat(output).containsEntry("tables_compared", 1).containsEntry("tables_equal", 1)
                .containsEntry("source_rows", 50L);
        assertThat(f.log.text()).contains("public.orders: equal, 50 rows");

        try (Connection pg = db.postgresConnection(); Statement st = pg.createStatement()) {
            st.execute("UPDATE orders SET status = 'paid' WHERE id = 7");
            st.execute("INSERT INTO orders VALUES (51, 'new')");
        }
        assertThatThrownBy(() -> validate.run(settings, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("pipeline shop: table public.orders: 2 rows differ (source 51 rows,"
                        + " ClickHouse 50 rows")
                .hasMessageContaining("missing in ClickHouse: 51").hasMessageContaining("values differ: 7");
    }

    @Test
    void rowsOnlyInTheDeadLettersFailUnlessAccepted(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config("", """
                pipelines:
                  - name: shop
                    source: {connection: pg, tables: [public.prices]}
                    target: {connection: ch}
                """);
        try (Connection pg = db.postgresConnection(); Statement st = pg.createStatement()) {
            st.execute("CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2))");
            st.execute("INSERT INTO prices SELECT g, CASE WHEN g = 3 THEN 'NaN'::numeric ELSE g END"
                    + " FROM generate_series(1, 40) g");
        }
        new PipelineSync(config, config.requirePipeline("shop")).run(SyncOptions.DEFAULT, SyncListener.NONE);

        ValidateSettings strict = DagText.settings(dir, "type: validate\npipeline: shop");
        assertThatThrownBy(() -> validate.run(strict, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessage("pipeline shop: table public.prices: equal except dead letters: 1 of 40 source rows cannot"
                        + " be written to ClickHouse and are only in " + db.clickhouse() + "._ferry_dead_letters (fix"
                        + " them at the source or the mapping and sync again, or set accept_dead_letters: true)");

        ValidateSettings accepting = DagText.settings(dir, "type: validate\npipeline: shop\naccept_dead_letters: true");
        Map<String, Object> output = validate.run(accepting, f.context(config));
        assertThat(output).containsEntry("tables_compared", 1).containsEntry("tables_equal", 0)
                .containsEntry("dead_letter_rows", 1L);
        assertThat(f.log.text()).contains("public.prices: equal except dead letters (accepted): 40 rows in 1 chunks,"
                + " 1 of them only in " + db.clickhouse() + "._ferry_dead_letters");
    }
}
