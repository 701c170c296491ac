package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class ValidateIT {

    @TempDir
    Path dir;

    @Test
    void catchesACorruptedValueAMissingRowAndAnExtraRow(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL)",
                "INSERT INTO accounts SELECT g, 'owner ' || g, g * 10 FROM generate_series(1, 5000) g");
        Path config = f.config("pg", "tables: [public.accounts]\nchunk_rows: 1000");
        f.sync(config, SyncOptions.DEFAULT);
        FerryConfig loaded = f.load(config);
        Validator validator = new Validator(loaded, loaded.requirePipeline("test"));
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> {
            assertThat(t.equal()).isTrue();
            assertThat(t.chunks()).isEqualTo(5);
            assertThat(t.clickhouseRows()).isEqualTo(5000);
        });

        try (ClickHouseGateway ch = f.clickhouse()) {
            // a newer version of row 4242 with one cent more: same count, different value
            ch.execute("INSERT INTO accounts (id, owner, balance, _version) VALUES (4242, 'owner 4242', 42420.01, "
                    + "toUInt64(9000000000000000000))");
        }
        f.postgres("DELETE FROM accounts WHERE id = 17", "INSERT INTO accounts VALUES (5001, 'late', 1)");

        List<TableValidation> result = validator.run(null, t -> { });
        assertThat(result).singleElement().satisfies(t -> {
            assertThat(t.equal()).isFalse();
            assertThat(t.different()).containsExactly("4242");
            assertThat(t.extra()).containsExactly("17");
            assertThat(t.missing()).containsExactly("5001");
            // the newer version is a second row of 4242 to queries without FINAL, too
            assertThat(t.mismatchedRows()).isEqualTo(4);
            assertThat(t.badChunks()).startsWith("id 1..1001", "id 4005..5001").hasSize(3);
            assertThat(t.badChunks().get(2)).startsWith("1 duplicate rows");
        });
    }

    /** Rows ClickHouse holds beyond the source's smallest and largest key are compared too (they are extra). */
    @Test
    void catchesExtraRowsOutsideTheSourcesKeyRange(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL)",
                "INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 3000) g");
        Path config = f.config("pg", "tables: [public.accounts]\nchunk_rows: 1000");
        f.sync(config, SyncOptions.DEFAULT);
        f.postgres("DELETE FROM accounts WHERE id <= 10 OR id > 2990");
        FerryConfig loaded = f.load(config);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { })).singleElement()
                .satisfies(t -> {
                    assertThat(t.equal()).isFalse();
                    assertThat(t.mismatchedRows()).isEqualTo(20);
                    assertThat(t.extra()).contains("1", "3000");
                    assertThat(t.badChunks()).containsExactly("id outside 11..2990");
                    assertThat(t.clickhouseRows()).isEqualTo(3000);
                });
    }

    /**
     * A table without an integer key has no key range to read by: it is compared in slices by key hash, each
     * holding about chunk_rows rows in memory, and a difference is still found in whichever slice it falls.
     */
    @Test
    void tablesWithoutAnIntegerKeyAreComparedInSlicesOfChunkRows(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE sessions (token uuid PRIMARY KEY, owner text NOT NULL)",
                "INSERT INTO sessions SELECT md5(g::text)::uuid, 'owner ' || g FROM generate_series(1, 2000) g");
        Path config = f.config("pg", "tables: [public.sessions]\nchunk_rows: 500");
        f.sync(config, SyncOptions.DEFAULT);
        FerryConfig loaded = f.load(config);
        Validator validator = new Validator(loaded, loaded.requirePipeline("test"));
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> {
            assertThat(t.equal()).isTrue();
            assertThat(t.chunks()).isEqualTo(4);
            assertThat(t.clickhouseRows()).isEqualTo(2000);
        });
        String changed = "c4ca4238-a0b9-2382-0dcc-509a6f75849b"; // md5('1')
        String gone = "c81e728d-9d4c-2f63-6f06-7f89cc14862c"; // md5('2')
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("INSERT INTO sessions (token, owner, _version) VALUES ('" + changed + "', 'someone else', "
                    + "toUInt64(9000000000000000000))");
        }
        f.postgres("DELETE FROM sessions WHERE token = '" + gone + "'",
                "INSERT INTO sessions VALUES ('00000000-0000-0000-0000-000000000001', 'late')");
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> {
            assertThat(t.equal()).isFalse();
            assertThat(t.different()).containsExactly(changed);
            assertThat(t.extra()).containsExactly(gone);
            assertThat(t.missing()).containsExactly("00000000-0000-0000-0000-000000000001");
            assertThat(t.clickhouseRows()).isEqualTo(2000);
            assertThat(t.badChunks()).allSatisfy(c -> assertThat(c).matches(
                    "whole table, key-hash slice [1-4] of 4|1 duplicate rows.*"));
        });
    }

    @Test
    void keylessTablesAreComparedAsMultisets(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE clicks (page varchar(20), n int)",
                "INSERT INTO clicks VALUES ('a', 1), ('a', 1), ('b', 2)");
        Path config = f.config("my", "tables: [clicks]");
        f.sync(config, SyncOptions.DEFAULT);
        FerryConfig loaded = f.load(config);
        Validator validator = new Validator(loaded, loaded.requirePipeline("test"));
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> assertThat(t.equal()).isTrue());
        f.mariadb("DELETE FROM clicks WHERE page = 'a' LIMIT 1");
        assertThat(validator.run(null, t -> { })).singleElement().satisfies(t -> {
            assertThat(t.equal()).isFalse();
            assertThat(t.mismatchedRows()).isEqualTo(1);
            assertThat(t.extra()).hasSize(1);
        });
    }

    /**
     * Copies of rows (same key, same version) are hidden by FINAL, which the comparison reads with, but not from
     * queries without it: a snapshot target holding them is not equal.
     */
    @Test
    void countsCopiesOfRowsThatFinalHides(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL)",
                "INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 300) g");
        Path config = f.config("pg", "tables: [public.accounts]\nchunk_rows: 100");
        f.sync(config, SyncOptions.DEFAULT);
        try (ClickHouseGateway ch = f.clickhouse()) {
            ch.execute("INSERT INTO accounts SELECT * FROM accounts WHERE id <= 10");
        }
        FerryConfig loaded = f.load(config);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { })).singleElement()
                .satisfies(t -> {
                    assertThat(t.state()).isEqualTo(TableValidation.State.DIFF);
                    assertThat(t.mismatchedRows()).isEqualTo(10);
                    assertThat(t.badChunks()).containsExactly("10 duplicate rows: " + db.clickhouse() + ".accounts "
                            + "holds 310 rows without FINAL but 300 with it; a snapshot target must hold each row once "
                            + "(queries without FINAL count the copies); reload it with: ferry sync --full --table "
                            + "public.accounts");
                });
    }
}
