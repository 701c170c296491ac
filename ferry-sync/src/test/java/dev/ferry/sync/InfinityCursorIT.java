package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.sync.state.StateStore;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported case of issue 13: one {@code infinity} cursor value must neither become the high-water mark (which
 * hid every later change: "synced 0 rows", exit 0) nor pass unsaid.
 */
@FerryIntegrationTest
class InfinityCursorIT {

    @TempDir
    Path dir;

    @Test
    void laterInsertsAndUpdatesAreSyncedAndTheInfinityRowIsReported(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamp NOT NULL, note text)",
                "INSERT INTO orders VALUES (1, '2024-01-01', 'a'), (2, '2024-01-02', 'b'), (3, 'infinity', 'c')");
        Path config = f.config("pg", "tables: [{name: public.orders, max_dead_letters: 1}]\n"
                + "mode: incremental\ncursor: updated_at");

        // Ferry keeps infinity (the column becomes String, see type-mapping.md), so nothing is dead-lettered here;
        // where it is (a target made DateTime by hand) the mark is the same: the row is not written
        SyncReport first = f.sync(config, SyncOptions.DEFAULT);
        assertThat(first.tables().get(0).warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("1 rows have a updated_at that cannot be the high-water mark"));
        String mark = StateStore.open(f.load(config).stateDir(), "test").get("public.orders").orElseThrow()
                .cursorValue();
        assertThat(mark).startsWith("2024-01-02 00:00:00");

        f.postgres("INSERT INTO orders VALUES (4, '2024-01-03', 'd')",
                "UPDATE orders SET updated_at = '2024-01-04', note = 'a2' WHERE id = 1");
        SyncReport second = f.sync(config, SyncOptions.DEFAULT);
        assertThat(second.tables()).singleElement().satisfies(t -> {
            assertThat(t.mode()).isEqualTo("incremental");
            // the update, the insert, row 2 at the mark (read with >=) and the infinity row, which lies beyond
            // every mark and is read by every run
            assertThat(t.rows()).isEqualTo(4);
            assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("cannot be the high-water mark"));
        });
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT id, note FROM orders FINAL ORDER BY id")).containsExactly(
                    List.of("1", "a2"), List.of("2", "b"), List.of("3", "c"), List.of("4", "d"));
        }
        assertThat(StateStore.open(f.load(config).stateDir(), "test").get("public.orders").orElseThrow()
                .cursorValue()).startsWith("2024-01-04 00:00:00");
    }

    /** MySQL's zero date sorts first, below every mark: reported, and it does not stop later rows. */
    @Test
    void aMariaDbZeroDateIsReportedAndLaterRowsAreSynced(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("SET SESSION sql_mode = ''",
                "CREATE TABLE orders (id int PRIMARY KEY, updated_at datetime NOT NULL, note text)",
                "INSERT INTO orders VALUES (1, '2024-01-01', 'a'), (2, '0000-00-00 00:00:00', 'b'), "
                        + "(3, '2024-01-02', 'c')");
        Path config = f.config("my", "tables: [{name: orders, max_dead_letters: 1}]\n"
                + "mode: incremental\ncursor: updated_at");
        SyncReport first = f.sync(config, SyncOptions.DEFAULT);
        assertThat(first.tables().get(0).warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("1 rows have a updated_at that cannot be the high-water mark"));
        f.mariadb("INSERT INTO orders VALUES (4, '2024-01-03', 'd')");
        f.sync(config, SyncOptions.DEFAULT);
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT id FROM orders FINAL ORDER BY id")).extracting(r -> r.get(0))
                    .contains("1", "3", "4");
        }
        assertThat(StateStore.open(f.load(config).stateDir(), "test").get(first.tables().get(0).table())
                .orElseThrow().cursorValue()).startsWith("2024-01-03 00:00:00");
    }
}
