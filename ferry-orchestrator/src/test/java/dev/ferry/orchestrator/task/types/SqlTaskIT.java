package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class SqlTaskIT {

    @TempDir
    Path dir;

    private final SqlTask sql = new SqlTask();

    @Test
    @SuppressWarnings("unchecked")
    void runsStatementsInOrderAndQueryModeHandsOnTheFirstRow(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        ((Map<String, Object>) f.values.get("params")).put("category", "Books");
        SqlSettings create = DagText.settings(dir, """
                type: sql
                connection: ch
                sql: |
                  CREATE TABLE products (id UInt32, category String, price Float64, created_at Date)
                    ENGINE = MergeTree PARTITION BY toYYYYMM(created_at) ORDER BY id;
                  -- 100 products over three months; the ';' in this comment does not split
                  INSERT INTO products SELECT number, ['Electronics', 'Books', 'Clothing', 'Home', 'Sports'][number % 5 + 1],
                    10 + number * 9.9, toDate('{{ ds }}') - number
                  FROM numbers(100);
                """);
        Map<String, Object> created = sql.run(create, f.context(config));
        assertThat(created).containsEntry("statements", 2);
        // servers before 19.x do not say how many rows a statement wrote; then the output leaves the count out
        assertThat(created.get("written_rows")).isIn(null, 100L);
        assertThat(f.log.text()).contains("statement 1 of 2: CREATE TABLE products", "statement 2 of 2: INSERT INTO",
                "done in");

        SqlSettings stats = DagText.settings(dir, "category: {type: string}", """
                type: sql
                connection: ch
                query: true
                sql: >
                  SELECT category, count() AS products, round(avg(price), 2) AS avg_price
                  FROM products WHERE category = {{ params.category | sql_string }} GROUP BY category
                """);
        Map<String, Object> output = sql.run(stats, f.context(config));
        assertThat(output).containsEntry("statements", 1).containsEntry("rows", 1L).containsEntry("value", "Books");
        assertThat((Map<String, Object>) output.get("first_row")).containsEntry("category", "Books")
                .containsEntry("products", "20").containsKey("avg_price");
        assertThat(f.log.text()).contains("category | products | avg_price", "Books | 20 | ");

        SqlSettings count = DagText.settings(dir, "type: sql\nconnection: ch\nquery: true\n"
                + "sql: SELECT count() FROM products");
        assertThat(sql.run(count, f.context(config))).containsEntry("value", "100");
    }

    @Test
    void scriptFileNextToTheDagIsReadWhenTheTaskRuns(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        Files.writeString(dir.resolve("refresh.sql"), "CREATE TABLE agg (n UInt64) ENGINE = Memory;");
        SqlSettings settings = DagText.settings(dir, "type: sql\nconnection: ch\nfile: refresh.sql");
        // edited after import: the run uses what the file holds now
        Files.writeString(dir.resolve("refresh.sql"), """
                CREATE TABLE agg (n UInt64) ENGINE = Memory;
                INSERT INTO agg SELECT count() FROM numbers(7);
                """);
        assertThat(sql.run(settings, f.context(config))).containsEntry("statements", 2);
        SqlSettings check = DagText.settings(dir, "type: sql\nconnection: ch\nquery: true\nsql: SELECT n FROM agg");
        assertThat(sql.run(check, f.context(config))).containsEntry("value", "7");

        Files.delete(dir.resolve("refresh.sql"));
        assertThatThrownBy(() -> sql.run(settings, f.context(config))).isInstanceOf(FerryException.class)
                .hasMessageContaining("SQL file " + dir.toAbsolutePath().resolve("refresh.sql") + " not found");
    }

    @Test
    void aFailingStatementSaysWhichOneAndWhatTheServerSaid(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        SqlSettings settings = DagText.settings(dir, "type: sql\nconnection: ch\n"
                + "sql: CREATE TABLE ok (x UInt8) ENGINE = Memory; SELECT * FROM missing_table");
        assertThatThrownBy(() -> sql.run(settings, f.context(config))).isInstanceOf(FerryException.class)
                .hasMessageContaining("statement 2 of 2 failed").hasMessageContaining("missing_table");

        SqlSettings onPostgres = DagText.settings(dir, "type: sql\nconnection: pg\nsql: SELECT 1");
        assertThatThrownBy(() -> sql.run(onPostgres, f.context(config)))
                .hasMessage("connection 'pg' is postgres; the sql task needs a clickhouse connection");
    }

    @Test
    void anInterruptStopsTheStatementOnTheServer(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        // runs for many minutes unless stopped; the marker tells it apart from other tests' queries
        String marker = db.name();
        SqlSettings settings = DagText.settings(dir, "type: sql\nconnection: ch\n"
                + "sql: SELECT count() FROM system.numbers WHERE sipHash64(number) = 42 AND '" + marker + "' != ''");
        String running = "SELECT count() FROM system.processes WHERE query_id LIKE 'ferry-task-%'"
                + " AND query LIKE '%" + marker + "%' AND query NOT LIKE '%system.processes%'";
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                sql.run(settings, f.context(config));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            awaitCount(db, running, 1);
            worker.interrupt();
            worker.join(30_000);
            assertThat(worker.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(FerryException.class)
                    .hasMessageContaining("statement 1 of 1 failed: statement stopped: the task timed out or its run"
                            + " was cancelled; asked ClickHouse to stop it (KILL QUERY");
            awaitCount(db, running, 0);
        } finally {
            // never leave a runaway query behind, whatever failed above
            db.clickhouseHttp().execute("KILL QUERY WHERE query LIKE '%" + marker + "%' AND query NOT LIKE '%KILL%'"
                    + " ASYNC");
        }
    }

    @Test
    void aCancelledRunStopsBeforeTheNextStatement(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        f.cancelled.set(true);
        SqlSettings settings = DagText.settings(dir, "type: sql\nconnection: ch\n"
                + "sql: CREATE TABLE never (x UInt8) ENGINE = Memory");
        assertThatThrownBy(() -> sql.run(settings, f.context(config)))
                .hasMessage("stopped before statement 1 of 1: the task timed out or its run was cancelled");
        assertThat(db.clickhouseHttp().execute("EXISTS TABLE " + db.clickhouse() + ".never").strip()).isEqualTo("0");
    }

    private static void awaitCount(TestDatabases db, String countQuery, int expected) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 150; i++) {
            last = db.clickhouseHttp().execute(countQuery).strip();
            if (last.equals(Integer.toString(expected))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + expected + " from " + countQuery + ", last got " + last);
    }
}
