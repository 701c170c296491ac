package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CDC of a table whose name holds a comma, a space, a dot and {@code ; DROP}, and whose columns are named
 * with quotes, backticks, backslashes, unicode and reserved words: the Debezium include list, the initial
 * snapshot, applying changes and (PostgreSQL) reading TOASTed values back from the source by key.
 */
@FerryIntegrationTest
class CdcNastyNamesIT {

    static final String TABLE = "Order, Items.v2; DROP";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void changesOfATableWithAnyNameReachClickHouse(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        String table = source.postgres() ? "\"" + TABLE + "\"" : "`" + TABLE + "`";
        String selection = "tables: ['" + source.qualified(TABLE) + "']";
        try (CdcHarness h = new CdcHarness(db, kind, dir, selection)) {
            if (source.postgres()) {
                // md5 of random data does not compress below the TOAST threshold: stored out of line, left out
                // of updates that do not change it, and read back by key from the source
                h.source.execute("CREATE TABLE " + table + " (\"my id\" int PRIMARY KEY, \"it's \"\"q\"\"\" text, "
                                + "\"back`tick\\slash\" text, \"ünï 列\" text, \"select\" text)",
                        "INSERT INTO " + table + " SELECT g, 'q' || g, (SELECT string_agg(md5(random()::text || s), "
                                + "'') FROM generate_series(1, 300) s WHERE g > 0), 'ü', 'sel' "
                                + "FROM generate_series(1, 20) g");
            } else {
                h.source.execute("CREATE TABLE " + table + " (`my id` int PRIMARY KEY, `it's \"q\"` text, "
                                + "`back``tick\\slash` text, `ünï 列` text, `select` text)",
                        "INSERT INTO " + table + " SELECT seq, concat('q', seq), repeat('x', 3000), 'ü', 'sel' "
                                + "FROM seq_1_to_20");
            }
            String key = h.source.postgres() ? "\"my id\"" : "`my id`";
            String reserved = h.source.postgres() ? "\"select\"" : "`select`";
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("UPDATE " + table + " SET " + reserved + " = 'changed' WHERE " + key + " IN (1, 2)",
                        "DELETE FROM " + table + " WHERE " + key + " = 3",
                        "INSERT INTO " + table + " (" + key + ", " + reserved + ") VALUES (21, 'new')");
                h.awaitEqual(runner);
                assertThat(h.deadLetters()).isEmpty();
                String quoted = ClickHouseGateway.quoteIdentifier(TABLE);
                assertThat(h.clickhouse.queryAll("SELECT `my id`, `select` FROM " + quoted + " FINAL WHERE "
                        + "_is_deleted = 0 AND `my id` IN (1, 3, 21) ORDER BY `my id`"))
                        .containsExactly(List.of("1", "changed"), List.of("21", "new"));
                assertThat(h.clickhouse.queryLong("SELECT count() FROM " + quoted + " FINAL WHERE _is_deleted = 0 "
                        + "AND length(`back\\`tick\\\\slash`) >= 3000")).isEqualTo(19);
                if (h.source.postgres()) {
                    assertThat(runner.refilled()).as("updates that left the TOASTed value out").isPositive();
                }
            }
        }
    }
}
