package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.state.TableState;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyless table is one chunk: a snapshot interrupted halfway leaves rows in the staging table that
 * cannot be told apart from new ones, so the resumed run must start that table over.
 */
@FerryIntegrationTest
class KeylessResumeIT {

    @TempDir
    Path dir;

    @Test
    void interruptedKeylessSnapshotStartsOverWithoutDuplicates(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE page_views (url text, ms int)",
                "INSERT INTO page_views SELECT '/p/' || (g % 10), g FROM generate_series(1, 1000) g");
        Path config = f.config("pg", "tables: [public.page_views]");
        FerryConfig loaded = f.load(config);
        // what a run killed mid-table leaves behind: a staging table with part of the rows, state "snapshot"
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("CREATE TABLE page_views__ferry_staging (url Nullable(String), ms Nullable(Int32)) "
                    + "ENGINE = MergeTree ORDER BY tuple()");
            ch.execute("INSERT INTO page_views__ferry_staging VALUES ('/p/1', 1), ('/p/2', 2)");
        }
        StateStore.open(loaded.stateDir(), "test").put("public.page_views",
                new TableState(TableState.SNAPSHOT, 1L, "page_views__ferry_staging", null, null, false, null));

        SyncReport report = f.sync(config, SyncOptions.DEFAULT);
        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.mode()).isEqualTo("snapshot (resumed)");
            assertThat(t.rows()).isEqualTo(1000);
        });
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM page_views")).isEqualTo(1000);
            assertThat(ch.queryLong("SELECT sum(ms) FROM page_views")).isEqualTo(500_500);
        }
        assertThat(StateStore.open(loaded.stateDir(), "test").get("public.page_views").orElseThrow().phase())
                .isEqualTo(TableState.DONE);
    }

    @Test
    void plainMergeTreeTargetsAndChangedSourcesDoNotResumeIntoDuplicates(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE hits (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO hits SELECT g, g FROM generate_series(1, 100) g");
        Path config = f.config("pg", "tables: [public.hits]\nchunk_rows: 10", "engine: MergeTree");
        FerryConfig loaded = f.load(config);
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("CREATE TABLE hits__ferry_staging (id Int32, n Int32) ENGINE = MergeTree ORDER BY (id)");
            ch.execute("INSERT INTO hits__ferry_staging SELECT number + 1, number + 1 FROM system.numbers LIMIT 15");
        }
        // chunk 0 recorded as done, chunk 1 half written: a MergeTree cannot absorb chunk 1 written again
        StateStore.open(loaded.stateDir(), "test").put("public.hits", new TableState(TableState.SNAPSHOT, 1L,
                "hits__ferry_staging", List.of(new long[] {1, 10}, new long[] {11, 20}, new long[] {21, 100}),
                Set.of(0), false, null));
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo("snapshot (resumed)"));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT count(), uniqExact(id), sum(n) FROM hits"))
                    .containsExactly(List.of("100", "100", "5050"));
        }

        // a staging table of another shape (the source changed since) is replaced, not resumed into
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("CREATE TABLE hits__ferry_staging (id Int32) ENGINE = MergeTree ORDER BY (id)");
        }
        StateStore.open(loaded.stateDir(), "test").put("public.hits", new TableState(TableState.SNAPSHOT, 1L,
                "hits__ferry_staging", List.of(new long[] {1, 100}), Set.of(), false, null));
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo("snapshot"));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM hits")).isEqualTo(100);
        }
    }
}
