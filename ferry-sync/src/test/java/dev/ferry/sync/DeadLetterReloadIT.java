package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table loaded again replaces the dead letters its earlier loads wrote, so reruns do not add the same rows to
 * {@code _ferry_dead_letters} again; letters of other tables, other pipelines and of changes stay.
 */
@FerryIntegrationTest
class DeadLetterReloadIT {

    @TempDir
    Path dir;

    @Test
    void eachSnapshotRerunKeepsOneLetterPerBadRow(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2))",
                "INSERT INTO prices SELECT g, CASE WHEN g % 40 = 0 THEN 'NaN'::numeric ELSE g END "
                        + "FROM generate_series(1, 120) g");
        Path config = f.config("pg", "tables: [{name: public.prices, max_dead_letters: 3}]\nchunk_rows: 50");
        try (ClickHouseGateway ch = f.clickhouse()) {
            DeadLetterTable letters = new DeadLetterTable(ch, db.clickhouse());
            letters.create();
            letters.write(List.of(new DeadLetterTable.Letter("other", "public.prices", "40", "{}", "kept"),
                    new DeadLetterTable.Letter("test", "public.other", "40", "{}", "kept")));
        }
        for (int run = 1; run <= 3; run++) {
            SyncReport report = f.sync(config, SyncOptions.DEFAULT);
            assertThat(report.deadLetters()).as("run %d", run).isEqualTo(3);
            assertThat(report.overDeadLetterLimit()).isEmpty();
            try (ClickHouseGateway ch = f.clickhouse()) {
                assertThat(ch.queryAll("SELECT row_key FROM _ferry_dead_letters WHERE pipeline = 'test' "
                        + "AND source_table = 'public.prices' ORDER BY row_key"))
                        .as("run %d", run).containsExactly(List.of("120"), List.of("40"), List.of("80"));
                assertThat(ch.queryLong("SELECT count() FROM _ferry_dead_letters WHERE error = 'kept'")).isEqualTo(2);
            }
        }
        FerryConfig loaded = f.load(config);
        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, v -> { })).singleElement()
                .satisfies(v -> {
                    assertThat(v.state()).isEqualTo(TableValidation.State.EQUAL_EXCEPT_DEAD_LETTERS);
                    assertThat(v.unwritable()).isEqualTo(3);
                });
    }

    /** A CDC target's reload replaces the letters of earlier loads only: the letters of changes stay. */
    @Test
    void aLiveReloadKeepsTheLettersOfChanges(TestDatabases db) {
        try (ClickHouseGateway ch = new SyncFixture(db, dir).clickhouse()) {
            DeadLetterTable letters = new DeadLetterTable(ch, db.clickhouse());
            letters.create();
            letters.write(List.of(new DeadLetterTable.Letter("cdc", "public.t", "1", "{}", "change"),
                    new DeadLetterTable.Letter("cdc", "public.t", "2", "{}", "initial load",
                            DeadLetterTable.chunkLoad(0, 0)),
                    new DeadLetterTable.Letter("cdc", "public.t", "2", "{}", "re-read", DeadLetterTable.chunkLoad(5, 0))));
            letters.replaceEarlierLoads("cdc", "public.t", 5, true);
            assertThat(ch.queryAll("SELECT error FROM _ferry_dead_letters ORDER BY error"))
                    .containsExactly(List.of("change"), List.of("re-read"));
        }
    }

    /** A dead-letter table an earlier Ferry created gets the load_id column; its letters count as changes. */
    @Test
    void anOlderDeadLetterTableGainsTheLoadColumn(TestDatabases db) {
        try (ClickHouseGateway ch = new SyncFixture(db, dir).clickhouse()) {
            ch.execute("CREATE TABLE _ferry_dead_letters (pipeline String, source_table String, row_key String, "
                    + "payload String, error String, failed_at DateTime('UTC')) ENGINE = MergeTree "
                    + "ORDER BY (pipeline, source_table, failed_at)");
            ch.execute("INSERT INTO _ferry_dead_letters VALUES ('p', 't', '1', '{}', 'old', now())");
            DeadLetterTable letters = new DeadLetterTable(ch, db.clickhouse());
            letters.create();
            letters.create();
            letters.write(List.of(new DeadLetterTable.Letter("p", "t", "2", "{}", "new", DeadLetterTable.chunkLoad(3, 1))));
            assertThat(ch.queryAll("SELECT error, load_id FROM _ferry_dead_letters ORDER BY error"))
                    .containsExactly(List.of("new", "snapshot 3 chunk 1"), List.of("old", ""));
        }
    }
}
