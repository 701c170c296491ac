package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class SnapshotSyncIT {

    @TempDir
    Path dir;

    @Test
    void postgresTablesLandInClickHouseWithKeysAndVersions(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), seen timestamp(0))",
                "INSERT INTO items SELECT g, 'item ' || g, g * 1.25, '2024-01-01'::timestamp + g * interval '1 hour' "
                        + "FROM generate_series(1, 2500) g",
                "CREATE TABLE log (msg text)", "INSERT INTO log VALUES ('a'), ('b'), ('a')");
        Path config = f.config("pg", "tables: [public.items, public.log]\nchunk_rows: 300");
        SyncReport report = f.sync(config, SyncOptions.DEFAULT);

        assertThat(report.tables()).extracting(TableReport::table, TableReport::rows)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("public.items", 2500L),
                        org.assertj.core.groups.Tuple.tuple("public.log", 3L));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT engine FROM system.tables WHERE database = currentDatabase() "
                    + "AND name IN ('items', 'log') ORDER BY name"))
                    .containsExactly(List.of("ReplacingMergeTree"), List.of("MergeTree"));
            assertThat(ch.queryAll("SELECT id, name, price, seen FROM items WHERE id IN (1, 2500) ORDER BY id"))
                    .containsExactly(List.of("1", "item 1", "1.25", "2024-01-01 01:00:00"),
                            List.of("2500", "item 2500", "3125.00", "2024-04-14 04:00:00"));
            assertThat(ch.queryLong("SELECT count() FROM log")).isEqualTo(3);
            assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                    + "AND name LIKE '%ferry_staging'")).isZero();
        }

        // a second snapshot replaces the table: deletes at the source disappear, nothing is doubled
        f.postgres("DELETE FROM items WHERE id > 2000", "UPDATE items SET name = 'renamed' WHERE id = 1");
        f.sync(config, SyncOptions.DEFAULT);
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM items")).isEqualTo(2000);
            assertThat(ch.queryValue("SELECT name FROM items WHERE id = 1")).isEqualTo("renamed");
        }
    }

    @Test
    void mariadbTablesLandInClickHouse(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE customers (id int unsigned PRIMARY KEY, name varchar(100) NOT NULL, "
                        + "big bigint unsigned, created datetime NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ann 🚢', 18446744073709551615, '2024-05-06 07:08:09'), "
                        + "(2, 'Борис', NULL, '2024-05-07 00:00:00')");
        Path config = f.config("my", "tables: [customers]");
        f.sync(config, SyncOptions.DEFAULT);
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryAll("SELECT id, name, big, created FROM customers ORDER BY id")).containsExactly(
                    List.of("1", "Ann 🚢", "18446744073709551615", "2024-05-06 07:08:09"),
                    java.util.Arrays.asList("2", "Борис", null, "2024-05-07 00:00:00"));
        }
    }
}
