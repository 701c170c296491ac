package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class IncrementalSyncIT {

    @TempDir
    Path dir;

    @Test
    void laterRunsLoadOnlyNewAndChangedRowsAsNewVersions(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, updated_at timestamp(3) NOT NULL)",
                "INSERT INTO orders SELECT g, 'new', '2024-01-01'::timestamp + g * interval '1 second' "
                        + "FROM generate_series(1, 1000) g");
        Path config = f.config("pg", "tables: [public.orders]\nmode: incremental\ncursor: updated_at\nbatch: {rows: 100}");

        SyncReport first = f.sync(config, SyncOptions.DEFAULT);
        assertThat(first.tables()).singleElement().satisfies(t -> {
            assertThat(t.mode()).isEqualTo("snapshot");
            assertThat(t.rows()).isEqualTo(1000);
        });

        f.postgres("UPDATE orders SET status = 'paid', updated_at = '2024-02-01' WHERE id IN (5, 6, 7)",
                "INSERT INTO orders VALUES (1001, 'new', '2024-02-02'), (1002, 'new', '2024-02-02 00:00:00.5')");
        SyncReport second = f.sync(config, SyncOptions.DEFAULT);
        assertThat(second.tables()).singleElement().satisfies(t -> {
            assertThat(t.mode()).isEqualTo("incremental");
            // the 5 new and changed rows, and again the 61 rows within the default lookback of the mark
            // 00:16:40 (timestamp(3): 1 ms precision + 1 min for late commits), ids 940..1000
            assertThat(t.rows()).isEqualTo(5 + 61);
        });
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM orders FINAL")).isEqualTo(1002);
            assertThat(ch.queryAll("SELECT id, status FROM orders FINAL WHERE id IN (5, 1002) ORDER BY id"))
                    .containsExactly(List.of("5", "paid"), List.of("1002", "new"));
        }
        FerryConfig loaded = f.load(config);
        assertThat(StateStore.open(loaded.stateDir(), "test").get("public.orders").orElseThrow().cursorValue())
                .isEqualTo("2024-02-02 00:00:00.500000");

        // nothing changed: only the rows within one lookback of the mark are read again, run after run
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(2);
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(2);
        assertThat(StateStore.open(loaded.stateDir(), "test").get("public.orders").orElseThrow().cursorValue())
                .isEqualTo("2024-02-02 00:00:00.500000");
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());
    }

    @Test
    void runsReadAgainOnlyWithinOneLookbackOfAMarkThatNeverMovesBack(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE ticks (id int PRIMARY KEY, updated_at DATETIME NOT NULL)",
                "INSERT INTO ticks SELECT seq, '2024-01-01 10:00:00' + INTERVAL seq SECOND FROM seq_0_to_10");
        Path config = f.config("my", "tables: [{name: ticks, cursor: updated_at, cursor_lookback: 2s}]\n"
                + "mode: incremental");
        FerryConfig loaded = f.load(config);
        String table = db.mariadb() + ".ticks";
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(11);
        String mark = "2024-01-01 10:00:10.000000";
        assertThat(StateStore.open(loaded.stateDir(), "test").get(table).orElseThrow().cursorValue()).isEqualTo(mark);

        // idle: the rows from 10:00:08 on, the same ones every run
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(3);
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(3);

        // a row written in the mark's second after the run that set it, one committed late below the mark
        // within the lookback, and one later than the lookback covers
        f.mariadb("INSERT INTO ticks VALUES (11, '2024-01-01 10:00:10'), (12, '2024-01-01 10:00:09'),"
                + " (13, '2024-01-01 10:00:07')");
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(5);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .singleElement().satisfies(t -> assertThat(t.missing()).containsExactly("13"));

        // the rows at the mark are gone: the run reads only rows behind it, and the mark stays
        f.mariadb("DELETE FROM ticks WHERE id IN (10, 11)");
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(3);
        assertThat(StateStore.open(loaded.stateDir(), "test").get(table).orElseThrow().cursorValue()).isEqualTo(mark);
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(3);
    }

    @Test
    void numericCursorAndFullResync(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE events (id bigint unsigned PRIMARY KEY, kind varchar(10) NOT NULL)",
                "INSERT INTO events SELECT seq, 'a' FROM seq_1_to_500");
        Path config = f.config("my", "tables: [{name: events, cursor: id}]\nmode: incremental");
        f.sync(config, SyncOptions.DEFAULT);
        f.mariadb("INSERT INTO events SELECT seq, 'b' FROM seq_501_to_600", "DELETE FROM events WHERE id <= 100");
        // ids from the mark 500 minus the default lookback of 1000 ids: every row left, 101..600
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(500);
        try (ClickHouseGateway ch = f.clickhouse()) {
            // incremental runs cannot see deletes: the deleted rows are still there
            assertThat(ch.queryLong("SELECT count() FROM events FINAL")).isEqualTo(600);
        }
        SyncReport full = f.sync(config, new SyncOptions("events", true));
        assertThat(full.tables()).singleElement().satisfies(t -> assertThat(t.mode()).isEqualTo("snapshot"));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM events FINAL")).isEqualTo(500);
        }
        FerryConfig loaded = f.load(config);
        List<TableValidation> validation = new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { });
        assertThat(validation).singleElement().satisfies(t -> assertThat(t.equal()).isTrue());
    }

    @Test
    void newSourceColumnsAreAddedToTheTarget(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE users (id int PRIMARY KEY, name text, updated_at timestamp(0) NOT NULL)",
                "INSERT INTO users VALUES (1, 'ann', '2024-01-01')");
        Path config = f.config("pg", "tables: [public.users]\nmode: incremental\ncursor: updated_at");
        f.sync(config, SyncOptions.DEFAULT);
        f.postgres("ALTER TABLE users ADD COLUMN city text",
                "INSERT INTO users VALUES (2, 'bob', '2024-01-02', 'Oslo')");
        f.sync(config, SyncOptions.DEFAULT);
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT id, name, city FROM users FINAL ORDER BY id"))
                    .containsExactly(java.util.Arrays.asList("1", "ann", null), List.of("2", "bob", "Oslo"));
        }
    }

    /**
     * A column added with a DEFAULT fills every existing row without touching its cursor: an incremental run
     * that only added the column in ClickHouse left those rows NULL. The table is loaded again instead.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"postgres", "mariadb"})
    void aColumnAddedWithADefaultReloadsTheTable(String kind, TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        boolean pg = kind.equals("postgres");
        String[] create = {"CREATE TABLE items (id int PRIMARY KEY, name varchar(20), updated_at timestamp(0) NOT NULL)",
            "INSERT INTO items VALUES (1, 'a', '2024-01-01 00:00:00'), (2, 'b', '2024-01-02 00:00:00')"};
        String[] change = {"ALTER TABLE items ADD COLUMN category varchar(10) DEFAULT 'none'",
            "ALTER TABLE items ADD COLUMN plain int",
            "INSERT INTO items (id, name, updated_at) VALUES (3, 'c', '2024-03-01 00:00:00')"};
        if (pg) {
            f.postgres(create);
        } else {
            f.mariadb(create);
        }
        Path config = f.config(pg ? "pg" : "my", "tables: [{name: " + (pg ? "public" : db.mariadb())
                + ".items, cursor: updated_at}]\nmode: incremental");
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(2);
        if (pg) {
            f.postgres(change);
        } else {
            f.mariadb(change);
        }
        SyncReport second = f.sync(config, SyncOptions.DEFAULT);
        assertThat(second.tables()).singleElement().satisfies(t -> assertThat(t.mode()).startsWith("snapshot"));
        FerryConfig loaded = f.load(config);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());
        // a column added without values in old rows needs no reload
        if (pg) {
            f.postgres("ALTER TABLE items ADD COLUMN note text", "UPDATE items SET updated_at = '2024-04-01' WHERE id = 1");
        } else {
            f.mariadb("ALTER TABLE items ADD COLUMN note text", "UPDATE items SET updated_at = '2024-04-01' WHERE id = 1");
        }
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo("incremental"));
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());
    }
}
