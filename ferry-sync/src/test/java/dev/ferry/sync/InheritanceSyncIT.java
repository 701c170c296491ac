package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL inheritance (the manual's cities/capitals): a parent synced with its children holds only its own
 * rows, so no row lands twice; a parent synced alone holds what a plain SELECT of it shows.
 */
@FerryIntegrationTest
class InheritanceSyncIT {

    @TempDir
    Path dir;

    @Test
    void aParentHoldsItsOwnRowsWhenItsChildrenAreSyncedToo(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE cities (id int PRIMARY KEY, name text, elevation int)",
                "CREATE TABLE capitals (state char(2) NOT NULL) INHERITS (cities)",
                "ALTER TABLE capitals ADD PRIMARY KEY (id)",
                "INSERT INTO cities VALUES (1, 'Las Vegas', 2174), (2, 'Mariposa', 1953)",
                "INSERT INTO capitals VALUES (3, 'Madison', 845, 'WI')");

        Path both = f.config("pg", "tables: [public.cities, public.capitals]");
        f.sync(both, SyncOptions.DEFAULT);
        // --table syncs the parent as the whole pipeline would, children or not on the command line
        f.sync(both, new SyncOptions("public.cities", false));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM cities FINAL")).isEqualTo(2);
            assertThat(ch.queryLong("SELECT count() FROM capitals FINAL")).isEqualTo(1);
        }
        FerryConfig loaded = f.load(both);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());

        Path parentAlone = f.config("pg", "tables: [public.cities]",
                "table_prefix: alone_");
        f.sync(parentAlone, new SyncOptions(null, true));
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.queryLong("SELECT count() FROM alone_cities FINAL")).isEqualTo(3);
        }
        FerryConfig alone = f.load(parentAlone);
        assertThat(new Validator(alone, alone.requirePipeline("test")).run(null, t -> { }))
                .allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());
    }
}
