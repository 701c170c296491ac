package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables and columns named with what identifiers may hold: spaces, both quote characters, backticks,
 * backslashes, dots, unicode, reserved words and {@code ; DROP}. Every statement Ferry generates for
 * snapshot (chunked), incremental and validate runs must quote them, on both source kinds.
 */
@FerryIntegrationTest
class NastyNamesIT {

    /** Column names; the first is the key, the last the cursor. */
    static final List<String> COLUMNS = List.of("my id", "order date", "it's \"quoted\"", "back`tick",
            "back\\slash", "a.b", "ünïcødé 列", "select", "x; DROP TABLE t", "updated at");

    @TempDir
    Path dir;

    @Test
    void postgresTablesAndColumnsWithAnyNameSyncIncrementallyAndValidate(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        String table = "\"Order Items.v2; DROP\"";
        f.postgres("CREATE TABLE " + table + " (\"my id\" int PRIMARY KEY, \"order date\" date NOT NULL, "
                        + "\"it's \"\"quoted\"\"\" text, \"back`tick\" text, \"back\\slash\" text, \"a.b\" int, "
                        + "\"ünïcødé 列\" text, \"select\" text, \"x; DROP TABLE t\" text, "
                        + "\"updated at\" timestamp(3) NOT NULL)",
                "INSERT INTO " + table + " SELECT g, date '2024-01-01' + g, 'q' || g, 'b' || g, 's' || g, g, "
                        + "'ü' || g, 'sel', 'drop', timestamp '2024-01-01' + g * interval '1 second' "
                        + "FROM generate_series(1, 250) g");
        runAll(f, f.config("pg", "tables: ['public.Order Items.v2; DROP']\nmode: incremental\n"
                        + "cursor: updated at\nchunk_rows: 100"),
                "Order Items.v2; DROP",
                () -> f.postgres("UPDATE " + table + " SET \"select\" = 'changed', \"updated at\" = '2024-02-01' "
                        + "WHERE \"my id\" IN (3, 4)", "INSERT INTO " + table + " VALUES (251, '2025-01-01', "
                        + "'q', 'b', 's', 1, 'ü', 'new', 'drop', '2024-02-02')"));
    }

    @Test
    void mariadbTablesAndColumnsWithAnyNameSyncIncrementallyAndValidate(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        String table = "`Order Items.v2; DROP`";
        f.mariadb("CREATE TABLE " + table + " (`my id` int PRIMARY KEY, `order date` date NOT NULL, "
                        + "`it's \"quoted\"` text, `back``tick` text, `back\\slash` text, `a.b` int, "
                        + "`ünïcødé 列` text, `select` text, `x; DROP TABLE t` text, "
                        + "`updated at` datetime(3) NOT NULL)",
                "INSERT INTO " + table + " SELECT seq, '2024-01-01' + INTERVAL seq DAY, concat('q', seq), "
                        + "concat('b', seq), concat('s', seq), seq, concat('ü', seq), 'sel', 'drop', "
                        + "'2024-01-01' + INTERVAL seq SECOND FROM seq_1_to_250");
        runAll(f, f.config("my", "tables: ['" + db.mariadb() + ".Order Items.v2; DROP']\nmode: incremental\n"
                        + "cursor: updated at\nchunk_rows: 100"),
                "Order Items.v2; DROP",
                () -> f.mariadb("UPDATE " + table + " SET `select` = 'changed', `updated at` = '2024-02-01' "
                        + "WHERE `my id` IN (3, 4)", "INSERT INTO " + table + " VALUES (251, '2025-01-01', "
                        + "'q', 'b', 's', 1, 'ü', 'new', 'drop', '2024-02-02')"));
    }

    private void runAll(SyncFixture f, Path config, String target, SourceChange change) throws Exception {
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(250);
        change.run();
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo("incremental"));
        try (ClickHouseGateway ch = f.clickhouse()) {
            String quoted = ClickHouseGateway.quoteIdentifier(target);
            assertThat(ch.queryAll("SELECT name FROM system.columns WHERE database = currentDatabase() AND table = "
                    + ClickHouseGateway.quoteString(target) + " AND name NOT LIKE '\\\\_%'")
                    .stream().map(r -> r.get(0)).toList()).containsExactlyElementsOf(COLUMNS);
            assertThat(ch.queryLong("SELECT count() FROM " + quoted + " FINAL")).isEqualTo(251);
            assertThat(ch.queryAll("SELECT `my id`, `select`, `back\\\\slash` FROM " + quoted
                    + " FINAL WHERE `my id` IN (3, 251) ORDER BY `my id`"))
                    .containsExactly(List.of("3", "changed", "s3"), List.of("251", "new", "s"));
        }
        FerryConfig loaded = f.load(config);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .singleElement().satisfies(t -> {
                    assertThat(t.equal()).as(t.toString()).isTrue();
                    assertThat(t.clickhouseRows()).isEqualTo(251);
                });
    }

    @FunctionalInterface
    interface SourceChange {
        void run() throws Exception;
    }
}
