package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.state.TableState;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot stopped after its last chunk, or at any point of the swap, is completed by the next run: the
 * tables and the state are left exactly as a run killed at that point leaves them, then {@code ferry sync} runs.
 */
@FerryIntegrationTest
class SnapshotSwapResumeIT {

    private static final List<long[]> CHUNKS = List.of(new long[] {1, 50}, new long[] {51, 100});

    @TempDir
    Path dir;

    /** Loads hits (n = id), then changes the source (n = 2 * id) and builds the new snapshot's staging table. */
    private Setup loadedWithStagingOfChange(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE hits (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO hits SELECT g, g FROM generate_series(1, 100) g");
        Path config = f.config("pg", "tables: [public.hits]\nchunk_rows: 50");
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(100);
        f.postgres("UPDATE hits SET n = 2 * id");
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("CREATE TABLE hits__ferry_staging AS hits");
            ch.execute("INSERT INTO hits__ferry_staging SELECT id, 2 * id, 7 FROM hits");
        }
        return new Setup(f, config, f.load(config));
    }

    private record Setup(SyncFixture f, Path config, FerryConfig loaded) {
        void state(String phase) {
            StateStore.open(loaded.stateDir(), "test").put("public.hits", new TableState(phase, 7L,
                    "hits__ferry_staging", CHUNKS, Set.of(0, 1), false, null, null, 100L));
        }

        void assertCompletedWithNewRows() throws Exception {
            SyncReport report = f.sync(config, SyncOptions.DEFAULT);
            assertThat(report.tables()).singleElement().satisfies(t -> assertThat(t.mode())
                    .isEqualTo("snapshot (resumed)"));
            try (ClickHouseGateway ch = f.clickhouse()) {
                assertThat(ch.queryAll("SELECT count(), sum(n) FROM hits")).containsExactly(List.of("100", "10100"));
                assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                        + "AND name LIKE 'hits\\\\_\\\\_%'")).as("staging and old tables left").isZero();
            }
            assertThat(StateStore.open(loaded.stateDir(), "test").get("public.hits").orElseThrow().phase())
                    .isEqualTo(TableState.DONE);
            assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, v -> { }))
                    .allSatisfy(v -> assertThat(v.state()).isEqualTo(TableValidation.State.EQUAL));
        }
    }

    @Test
    void killedAfterTheLastChunkBeforeTheSwap(TestDatabases db) throws Exception {
        Setup s = loadedWithStagingOfChange(db);
        s.state(TableState.SNAPSHOT);
        s.assertCompletedWithNewRows();
    }

    @Test
    void killedBetweenTheTwoRenames(TestDatabases db) throws Exception {
        Setup s = loadedWithStagingOfChange(db);
        try (ClickHouseGateway ch = s.f().clickhouse()) {
            ch.execute("RENAME TABLE hits TO hits__ferry_old");
        }
        s.state(TableState.SWAP);
        s.assertCompletedWithNewRows();
    }

    @Test
    void killedAfterTheRenamesBeforeTheOldTableIsDropped(TestDatabases db) throws Exception {
        Setup s = loadedWithStagingOfChange(db);
        try (ClickHouseGateway ch = s.f().clickhouse()) {
            ch.execute("RENAME TABLE hits TO hits__ferry_old, hits__ferry_staging TO hits");
        }
        s.state(TableState.SWAP);
        s.assertCompletedWithNewRows();
    }

    @Test
    void killedAfterTheSwapBeforeTheStateSaysDone(TestDatabases db) throws Exception {
        Setup s = loadedWithStagingOfChange(db);
        try (ClickHouseGateway ch = s.f().clickhouse()) {
            ch.execute("RENAME TABLE hits TO hits__ferry_old, hits__ferry_staging TO hits");
            ch.execute("DROP TABLE hits__ferry_old");
        }
        s.state(TableState.SWAP);
        s.assertCompletedWithNewRows();
    }

    /** A chunk written twice (a resumed chunk, or an insert sent again after its answer was lost). */
    @Test
    void copiesInTheStagingTableNeverReachTheTarget(TestDatabases db) throws Exception {
        Setup s = loadedWithStagingOfChange(db);
        try (ClickHouseGateway ch = s.f().clickhouse()) {
            ch.execute("INSERT INTO hits__ferry_staging SELECT id, 2 * id, 7 FROM hits WHERE id <= 50");
        }
        s.state(TableState.SNAPSHOT);
        s.assertCompletedWithNewRows();
    }

    /** A plain MergeTree cannot tell copies from rows: more rows than written stop the swap, the next run reloads. */
    @Test
    void aKeylessStagingTableWithMoreRowsThanWrittenIsLoadedAgain(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE views (url text, ms int)",
                "INSERT INTO views SELECT '/p/' || (g % 10), g FROM generate_series(1, 100) g");
        Path config = f.config("pg", "tables: [public.views]");
        FerryConfig loaded = f.load(config);
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("CREATE TABLE views__ferry_staging (url Nullable(String), ms Nullable(Int32)) "
                    + "ENGINE = MergeTree ORDER BY tuple()");
            ch.execute("INSERT INTO views__ferry_staging SELECT '/p/1', toInt32(number) FROM system.numbers LIMIT 101");
        }
        StateStore.open(loaded.stateDir(), "test").put("public.views", new TableState(TableState.SNAPSHOT, 7L,
                "views__ferry_staging", List.of(), Set.of(0), false, null, null, 100L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.sync(config, SyncOptions.DEFAULT))
                .hasMessageContaining("holds 101 rows but the snapshot wrote 100");
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(100));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT count(), sum(ms) FROM views")).containsExactly(List.of("100", "5050"));
        }
    }
}
