package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * While streaming: ADD, RENAME and DROP COLUMN are followed, a new table matching the pipeline's pattern
 * gets its target, and a type change stops the pipeline with how to resync. PostgreSQL's unchanged TOAST
 * values keep their stored value.
 */
@FerryIntegrationTest
class CdcSchemaChangeIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void columnChangesAndNewTablesAreFollowedAndTypeChangesStop(SourceDb.Kind kind, TestDatabases db)
            throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        source.execute("CREATE TABLE items (id int PRIMARY KEY, name varchar(50) NOT NULL, qty int)",
                "INSERT INTO items VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
        if (source.postgres()) {
            // following tables created later needs a publication of all tables, which a superuser creates
            source.executeAsSuperuser("CREATE PUBLICATION " + PostgresCdcSource.slotName(db.name())
                    + " FOR ALL TABLES");
        }
        FerryConfig config = config(db, source, ch, "include: [\"" + source.qualified("*") + "\"]");
        try (ClickHouseGateway gateway = gateway(db, ch)) {
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(source, gateway, runner, "items", "id, name, qty");

                source.execute("ALTER TABLE items ADD COLUMN note varchar(100)",
                        "INSERT INTO items VALUES (4, 'd', 40, 'new row')", "UPDATE items SET note = 'noted' WHERE id = 1");
                awaitEqual(source, gateway, runner, "items", "id, name, qty, note");

                source.execute("ALTER TABLE items RENAME COLUMN qty TO quantity",
                        "UPDATE items SET quantity = 99 WHERE id = 2");
                awaitEqual(source, gateway, runner, "items", "id, name, quantity, note");

                source.execute("ALTER TABLE items DROP COLUMN note", "INSERT INTO items VALUES (5, 'e', 50)");
                awaitEqual(source, gateway, runner, "items", "id, name, quantity");
                assertThat(gateway.queryAll("SELECT name FROM system.columns WHERE database = currentDatabase() "
                        + "AND table = 'items' AND name IN ('qty', 'note')")).isEmpty();

                source.execute("CREATE TABLE extra (id int PRIMARY KEY, v varchar(10))",
                        "INSERT INTO extra VALUES (1, 'x'), (2, 'y')", "UPDATE extra SET v = 'z' WHERE id = 2");
                awaitEqual(source, gateway, runner, "extra", "id, v");

                source.execute(source.postgres() ? "ALTER TABLE items ALTER COLUMN quantity TYPE text"
                        : "ALTER TABLE items MODIFY quantity varchar(20)", "UPDATE items SET quantity = '7' WHERE id = 3");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (runner.failure() == null && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(runner.failure()).isNotNull();
                assertThat(causes(runner.failure())).contains("column quantity of " + source.qualified("items")
                        + " changed type").contains("Resyncing");
            }
            // the documented way out: ferry cdc --resync, i.e. drop the targets and the stored position
            assertThat(CdcReset.reset(config, config.requirePipeline(db.name()))).isNotEmpty();
            source.execute("UPDATE items SET quantity = '8' WHERE id = 1");
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                awaitEqual(source, gateway, runner, "items", "id, name, quantity");
                awaitEqual(source, gateway, runner, "extra", "id, v");
                assertThat(gateway.queryAll("SELECT type FROM system.columns WHERE database = currentDatabase() "
                        + "AND table = 'items' AND name = 'quantity'")).containsExactly(List.of("Nullable(String)"));
            }
        } finally {
            source.dropSlot(PostgresCdcSource.slotName(db.name()));
        }
    }

    @Test
    void unchangedToastValuesKeepTheirStoredValue(TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, SourceDb.Kind.POSTGRES);
        ServerEndpoint ch = db.stack().clickhouse();
        // random hex does not compress below the TOAST threshold, so it is stored out of line
        source.execute("CREATE TABLE docs (id int PRIMARY KEY, body text, status text NOT NULL)",
                "INSERT INTO docs SELECT g, (SELECT string_agg(md5(random()::text || s), '') FROM "
                        + "generate_series(1, 2000) s WHERE g > 0), 'draft' FROM generate_series(1, 5) g");
        FerryConfig config = config(db, source, ch, "tables: [" + source.qualified("docs") + "]");
        try (ClickHouseGateway gateway = gateway(db, ch);
                CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
            runner.start();
            String columns = "id, status, length(body), substring(body,1,40)";
            awaitEqual(source, gateway, runner, "docs", columns);
            source.execute("UPDATE docs SET status = 'published' WHERE id IN (1, 2)",
                    "UPDATE docs SET status = 'archived' WHERE id = 1",
                    "UPDATE docs SET body = 'short', status = 'rewritten' WHERE id = 3",
                    "DELETE FROM docs WHERE id = 4");
            awaitEqual(source, gateway, runner, "docs", columns);
            assertThat(gateway.queryLong("SELECT count() FROM _ferry_dead_letters")).isZero();
            assertThat(runner.refilled()).as("updates that left the TOAST body out").isGreaterThanOrEqualTo(3);
        } finally {
            source.dropSlot(PostgresCdcSource.slotName(db.name()));
        }
    }

    private FerryConfig config(TestDatabases db, SourceDb source, ServerEndpoint ch, String selection)
            throws Exception {
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, %s}
                    target: {connection: ch}
                    mode: cdc
                    batch: {interval: 200ms}
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), selection));
        return ConfigLoader.load(file, Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD",
                ch.password()));
    }

    private static ClickHouseGateway gateway(TestDatabases db, ServerEndpoint ch) {
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static void awaitEqual(SourceDb source, ClickHouseGateway gateway, CdcRunner runner, String table,
            String columns) throws Exception {
        String query = "SELECT " + columns + " FROM " + table + " ORDER BY id";
        List<List<String>> expected = source.rows(query);
        String chColumns = String.join(", ", java.util.Arrays.stream(columns.split(", "))
                .map(c -> "toString(" + c + ")").toList());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(runner.failure()).as(() -> causes(runner.failure())).isNull();
            try {
                actual = gateway.queryAll("SELECT " + chColumns + " FROM " + table + "_current ORDER BY id");
            } catch (RuntimeException notYet) {
                actual = List.of(List.of(notYet.getMessage())); // the column or table is not there yet
            }
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(actual).isEqualTo(expected);
    }
}
