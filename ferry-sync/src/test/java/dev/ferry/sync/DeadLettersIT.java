package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.TableValidation.State;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows ClickHouse cannot hold (PostgreSQL's NaN in a numeric with a scale has no ClickHouse Decimal) go to
 * the dead letters: a sync that leaves more of them than {@code max_dead_letters} allows must say so, and
 * validate must not call such a table equal, nor accept a row that is neither in ClickHouse nor a dead letter.
 */
@FerryIntegrationTest
class DeadLettersIT {

    @TempDir
    Path dir;

    @Test
    void anyDeadLetterBreaksTheDefaultLimitAndTheTablesOwnLimitCanAcceptThem(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2))",
                "INSERT INTO prices SELECT g, CASE WHEN g % 40 = 0 THEN 'NaN'::numeric ELSE g END FROM generate_series(1, 120) g",
                "CREATE TABLE rates (id int PRIMARY KEY, rate numeric(6,4))",
                "INSERT INTO rates SELECT g, CASE WHEN g = 7 THEN 'NaN'::numeric ELSE g / 100.0 END FROM generate_series(1, 50) g");

        SyncReport report = f.sync(f.config("pg", "tables: [public.prices, public.rates]"), SyncOptions.DEFAULT);
        assertThat(report.deadLetters()).isEqualTo(4);
        assertThat(report.overDeadLetterLimit()).extracting(TableReport::table)
                .containsExactly("public.prices", "public.rates");
        String database = db.clickhouse();
        assertThat(DeadLetterVerdict.of(List.of(report))).hasValue("2 tables sent more rows to the dead letters than"
                + " max_dead_letters allows (everything else was loaded):\n"
                + "  pipeline test, table public.prices: 3 of 120 rows read (3%) are dead letters, limit 0 (any dead"
                + " letter fails the run); see them with: SELECT error, count() FROM `" + database + "`.`_ferry_dead_letters`"
                + " WHERE pipeline = 'test' AND source_table = 'public.prices' GROUP BY error\n"
                + "  pipeline test, table public.rates: 1 of 50 rows read (2%) are dead letters, limit 0 (any dead"
                + " letter fails the run); see them with: SELECT error, count() FROM `" + database + "`.`_ferry_dead_letters`"
                + " WHERE pipeline = 'test' AND source_table = 'public.rates' GROUP BY error\n"
                + "fix the rows at the source or the mapping and sync again, or accept such rows by raising"
                + " max_dead_letters on the table or pipeline (a count such as 100, or a share of the rows read such as"
                + " 1%)");

        Path accepting = f.config("pg", "tables: [{name: public.prices, max_dead_letters: 3},"
                + " {name: public.rates, max_dead_letters: 2%}]");
        SyncReport accepted = f.sync(accepting, SyncOptions.DEFAULT);
        assertThat(accepted.deadLetters()).isEqualTo(4);
        assertThat(accepted.overDeadLetterLimit()).isEmpty();
        assertThat(DeadLetterVerdict.of(List.of(accepted))).isEmpty();

        Path pipelineWide = f.config("pg", "tables: [{name: public.prices, max_dead_letters: 3}, public.rates]\n"
                + "max_dead_letters: 1%");
        assertThat(f.sync(pipelineWide, SyncOptions.DEFAULT).overDeadLetterLimit()).extracting(TableReport::table)
                .containsExactly("public.rates");
    }

    @Test
    void validateTellsDeadLettersFromEqualAndFromMissingRows(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2))",
                "INSERT INTO prices SELECT g, CASE WHEN g % 40 = 0 THEN 'NaN'::numeric ELSE g END FROM generate_series(1, 120) g",
                "CREATE TABLE readings (sensor text, value numeric(5,1))",
                "INSERT INTO readings VALUES ('a', 1.5), ('a', 'NaN'), ('b', 'NaN'), ('b', 'NaN'), ('c', 2)");
        Path config = f.config("pg", "tables: [public.prices, public.readings]");
        f.sync(config, SyncOptions.DEFAULT);
        FerryConfig loaded = f.load(config);
        Validator validator = new Validator(loaded, loaded.requirePipeline("test"));

        List<TableValidation> lettered = validator.run(null, t -> { });
        assertThat(lettered).extracting(TableValidation::table, TableValidation::state, TableValidation::unwritable,
                TableValidation::clickhouseRows).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("public.prices", State.EQUAL_EXCEPT_DEAD_LETTERS, 3L, 117L),
                        org.assertj.core.groups.Tuple.tuple("public.readings", State.EQUAL_EXCEPT_DEAD_LETTERS, 3L, 2L));
        assertThat(lettered).allSatisfy(t -> {
            assertThat(t.equal()).isFalse();
            assertThat(t.passes(false)).isFalse();
            assertThat(t.passes(true)).isTrue();
            assertThat(t.deadLetterTable()).isEqualTo(db.clickhouse() + "._ferry_dead_letters");
        });

        // rows that cannot be written and were never synced are in no dead letter: missing, whatever the reason
        f.postgres("INSERT INTO prices VALUES (500, 'NaN')", "INSERT INTO readings VALUES ('d', 'NaN')");
        List<TableValidation> unsynced = validator.run(null, t -> { });
        assertThat(unsynced).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(State.DIFF);
            assertThat(t.mismatchedRows()).isEqualTo(1);
            assertThat(t.badChunks()).contains("1 rows that cannot be written are not in " + db.clickhouse()
                    + "._ferry_dead_letters either");
        });
        assertThat(unsynced.get(0).missing()).containsExactly("500");
        assertThat(unsynced.get(1).missing()).containsExactly("{\"sensor\":\"d\",\"value\":\"NaN\"}");
    }
}
