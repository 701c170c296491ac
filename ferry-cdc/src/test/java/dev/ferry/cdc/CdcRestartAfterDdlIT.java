package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CDC pipeline stopped and started again after every kind of DDL Ferry follows, made once while it streams
 * (so the stored position may still be before the DDL) and once while it is stopped, with changes before and
 * after each: the target stays equal to the source. Before the fix, MariaDB failed on every start after
 * RENAME COLUMN ("Trying to change column a ... which does not exist") and a column added with a DEFAULT
 * kept NULL in ClickHouse for the rows that existed.
 */
@FerryIntegrationTest
class CdcRestartAfterDdlIT {

    @TempDir
    Path dir;

    /** One schema change and the row changes around it, in the source's dialect. */
    private record Step(String name, List<String> postgres, List<String> mariadb) {

        List<String> statements(SourceDb source) {
            return source.postgres() ? postgres : mariadb;
        }
    }

    private static List<Step> steps(int round) {
        int id = 100 * round;
        return List.of(
                new Step("add column with default",
                        List.of("ALTER TABLE items ADD COLUMN c" + round + " int DEFAULT 5",
                                "INSERT INTO items (id, a) VALUES (" + (id + 1) + ", 'added')"),
                        List.of("ALTER TABLE items ADD COLUMN c" + round + " int DEFAULT 5",
                                "INSERT INTO items (id, a) VALUES (" + (id + 1) + ", 'added')")),
                new Step("rename column",
                        List.of("ALTER TABLE items RENAME COLUMN a TO a" + round,
                                "UPDATE items SET a" + round + " = 'renamed' WHERE id = 2",
                                "ALTER TABLE items RENAME COLUMN a" + round + " TO a"),
                        List.of("ALTER TABLE items RENAME COLUMN a TO a" + round,
                                "UPDATE items SET a" + round + " = 'renamed' WHERE id = 2",
                                "ALTER TABLE items RENAME COLUMN a" + round + " TO a")),
                new Step("modify column",
                        List.of("ALTER TABLE items ALTER COLUMN a TYPE varchar(" + (40 + round) + ")",
                                "UPDATE items SET a = repeat('m', 35) WHERE id = 3"),
                        List.of("ALTER TABLE items MODIFY a varchar(" + (40 + round) + ")",
                                "UPDATE items SET a = repeat('m', 35) WHERE id = 3")),
                new Step("drop column",
                        List.of("ALTER TABLE items DROP COLUMN c" + round, "INSERT INTO items (id, a) VALUES ("
                                + (id + 2) + ", 'after drop')"),
                        List.of("ALTER TABLE items DROP COLUMN c" + round, "INSERT INTO items (id, a) VALUES ("
                                + (id + 2) + ", 'after drop')")),
                new Step("create table",
                        List.of("CREATE TABLE extra" + round + " (id int PRIMARY KEY, v text)",
                                "INSERT INTO extra" + round + " VALUES (1, 'x'), (2, 'y')"),
                        List.of("CREATE TABLE extra" + round + " (id int PRIMARY KEY, v text)",
                                "INSERT INTO extra" + round + " VALUES (1, 'x'), (2, 'y')")),
                new Step("truncate",
                        List.of("TRUNCATE extra" + round, "INSERT INTO extra" + round + " VALUES (3, 'after')"),
                        List.of("TRUNCATE TABLE extra" + round, "INSERT INTO extra" + round + " VALUES (3, 'after')")),
                new Step("drop table",
                        List.of("DROP TABLE extra" + round, "UPDATE items SET b = b + 1"),
                        List.of("DROP TABLE extra" + round, "UPDATE items SET b = b + 1")));
    }

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void restartsAfterEveryKindOfDdl(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        try (CdcHarness h = new CdcHarness(db, kind, dir, "include: [\"" + source.qualified("*") + "\"]")) {
            h.source.execute("CREATE TABLE items (id int PRIMARY KEY, a varchar(30), b int DEFAULT 0)",
                    "INSERT INTO items (id, a, b) VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)");
            if (source.postgres()) {
                // tables created later reach a pipeline with patterns through a publication of all tables
                h.source.executeAsSuperuser("CREATE PUBLICATION " + PostgresCdcSource.slotName(db.name())
                        + " FOR ALL TABLES");
            }
            CdcRunner runner = h.start();
            try {
                h.awaitEqual(runner);
                // round 1: each DDL while streaming, then a stop and start; round 2: each DDL while stopped
                for (int round = 1; round <= 2; round++) {
                    for (Step step : steps(round)) {
                        if (round == 1) {
                            h.source.execute(step.statements(source).toArray(String[]::new));
                            h.awaitEqual(runner);
                            runner.close();
                            h.source.execute("UPDATE items SET b = b + 10 WHERE id = 1");
                        } else {
                            runner.close();
                            h.source.execute(step.statements(source).toArray(String[]::new));
                        }
                        runner = h.start();
                        awaitEqual(h, runner, step, round);
                        h.source.execute("UPDATE items SET b = b + 100 WHERE id = 2");
                        awaitEqual(h, runner, step, round);
                    }
                }
                assertThat(h.deadLetters()).isEmpty();
            } finally {
                runner.close();
            }
        }
    }

    private static void awaitEqual(CdcHarness h, CdcRunner runner, Step step, int round) throws InterruptedException {
        assertThat(runner.failure()).as(() -> "after '" + step.name() + "' (round " + round + "): "
                + CdcHarness.causes(runner.failure())).isNull();
        h.awaitEqual(runner);
    }
}
