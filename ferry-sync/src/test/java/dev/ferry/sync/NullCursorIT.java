package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows whose incremental cursor is NULL: no {@code cursor >= mark} reads them, and that must be said. */
@FerryIntegrationTest
class NullCursorIT {

    @TempDir
    Path dir;

    @Test
    void snapshotsLoadThemAndSayHowManyAndIncrementalRunsSayWhenThereAreMore(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamp)",
                "INSERT INTO orders SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE '2024-01-01'::timestamp"
                        + " + g * interval '1 minute' END FROM generate_series(1, 12) g");
        Path config = f.config("pg", "tables: [public.orders]\nmode: incremental\ncursor: updated_at");

        SyncReport first = f.sync(config, SyncOptions.DEFAULT);
        assertThat(first.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(12);
            assertThat(t.warnings()).containsExactly("3 rows have a NULL updated_at: this snapshot loaded them, but"
                    + " incremental runs cannot read such rows, so later changes to them (and new rows with a NULL"
                    + " updated_at) reach ClickHouse only with the next full snapshot (ferry sync --full --table"
                    + " public.orders); give them a cursor value, or set null_cursor: error to stop on them");
        });
        // as many as before: said once is enough
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement()
                .satisfies(t -> assertThat(t.warnings()).isEmpty());

        f.postgres("INSERT INTO orders VALUES (13, NULL), (14, NULL), (15, '2024-02-01')");
        assertThat(f.sync(config, SyncOptions.DEFAULT).tables()).singleElement().satisfies(t -> assertThat(t.warnings())
                .containsExactly("5 rows have a NULL updated_at (3 at the last run): incremental runs cannot read"
                        + " them, so those that got a NULL updated_at since the last full snapshot are missing or"
                        + " stale in ClickHouse; load them with ferry sync --full --table public.orders, give them a"
                        + " cursor value, or set null_cursor: error to stop on them"));
        FerryConfig loaded = f.load(config);
        Validator validator = new Validator(loaded, loaded.requirePipeline("test"));
        assertThat(validator.run(null, t -> { })).singleElement()
                .satisfies(t -> assertThat(t.missing()).containsExactlyInAnyOrder("13", "14"));

        f.sync(config, new SyncOptions(null, true));
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> assertThat(t.equal()).isTrue());
    }

    @Test
    void errorStopsTheTableAtTheSnapshotAndAtLaterRuns(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE items (id int PRIMARY KEY, changed_at datetime NULL)",
                "INSERT INTO items VALUES (1, '2024-01-01'), (2, NULL)");
        Path config = f.config("my", "tables: [{name: items, cursor: changed_at, null_cursor: error}]\n"
                + "mode: incremental");
        String refusal = "pipeline 'test': table " + db.mariadb() + ".items has 1 row whose cursor changed_at is NULL,"
                + " which incremental runs cannot read, and null_cursor is error; give those rows a cursor value"
                + " (UPDATE … SET changed_at = … WHERE changed_at IS NULL) or make the column NOT NULL, or set"
                + " null_cursor: include_on_full to load them with full snapshots only";
        assertThatThrownBy(() -> f.sync(config, SyncOptions.DEFAULT)).isInstanceOf(FerryException.class)
                .hasMessage(refusal);
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase()"
                    + " AND name = 'items'")).as("nothing written").isZero();
        }

        f.mariadb("UPDATE items SET changed_at = '2024-01-02' WHERE id = 2");
        assertThat(f.sync(config, SyncOptions.DEFAULT).rows()).isEqualTo(2);
        f.mariadb("INSERT INTO items VALUES (3, NULL)");
        assertThatThrownBy(() -> f.sync(config, SyncOptions.DEFAULT)).hasMessage(refusal);
    }
}
