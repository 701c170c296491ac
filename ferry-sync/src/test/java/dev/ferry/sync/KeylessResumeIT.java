package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.state.TableState;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
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
}
