package dev.ferry.cdc.torture;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clean stop and start of a CDC pipeline after one kind of schema change it follows (issue 12 defect 6:
 * MariaDB could not restart after RENAME COLUMN because the schema history replayed the DDL against a
 * schema that already had it), with the change made while the pipeline runs, just before it stops, or while
 * it is stopped, and changes before and after. Every step ends with {@code ferry validate} equal and no dead
 * letters.
 */
final class RestartRun {

    /**
     * When the DDL is made: while changes stream (and more follow it before the stop), as the last thing the
     * stream sees before a clean stop (the stored position is then before the DDL, which the schema history
     * already holds: issue 12 defect 6), or while the pipeline is stopped.
     */
    enum When { WHILE_RUNNING, JUST_BEFORE_STOP, WHILE_STOPPED }

    private RestartRun() {
    }

    static void run(SourceDb.Kind kind, DdlKind ddl, When when, TestDatabases db, Path dir) throws Exception {
        Laps laps = new Laps();
        SourceDb source = new SourceDb(db, kind);
        TortureRun run = new TortureRun(db, source, dir);
        Scenario.Builder builder = Scenario.named(ddl + " " + when)
                .table("items", "CREATE TABLE items (id int PRIMARY KEY, name varchar(20), qty int, note varchar(20), "
                        + "rev bigint NOT NULL)", "INSERT INTO items VALUES (1, 'one', 1, 'n1', 1), (2, 'two', 2, NULL, 2), "
                        + "(3, 'three', 3, 'n3', 3), (4, 'four', 4, 'n4', 4), (5, 'five', 5, 'n5', 5)");
        if (ddl == DdlKind.DROP_TABLE) {
            builder.table("doomed", "CREATE TABLE doomed (id int PRIMARY KEY, v varchar(10), rev bigint NOT NULL)",
                    "INSERT INTO doomed VALUES (1, 'a', 1), (2, 'b', 2)");
        }
        if (ddl.needsPattern()) {
            builder.selection("include: [\"" + source.qualified("*") + "\"]");
            // following tables created later needs a publication of all tables, which a superuser creates
            builder.superuser("CREATE PUBLICATION " + run.slotName() + " FOR ALL TABLES");
        }
        Scenario scenario = builder.build();
        FerryConfig config = run.prepare(scenario, Mode.CDC);
        Verdict verdict = new Verdict(config, config.requirePipeline(db.name()), scenario, Mode.CDC, source);
        List<String> before = List.of("INSERT INTO items VALUES (6, 'six', 6, 'n6', 6)",
                "UPDATE items SET note = 'upd', rev = 7 WHERE id = 1", "DELETE FROM items WHERE id = 5");
        try (ClickHouseGateway clickhouse = run.clickhouse()) {
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                step(source, runner, clickhouse, verdict, 1, "after the initial snapshot", List.of());
                laps.lap("start and snapshot");
                if (when == When.WHILE_RUNNING) {
                    step(source, runner, clickhouse, verdict, 2, "after " + ddl + " while streaming",
                            concat(before, ddl.ddl(source.postgres()), ddl.after()));
                } else {
                    step(source, runner, clickhouse, verdict, 2, "before " + ddl, before);
                }
                if (when == When.JUST_BEFORE_STOP) {
                    source.execute(ddl.ddl(source.postgres()).toArray(String[]::new));
                    awaitSchemaHistory(config, db.name(), ddl, source, verdict);
                }
                laps.lap("changes");
            }
            laps.lap("stop");
            source.execute((switch (when) {
                case WHILE_RUNNING -> ddl.later();
                case JUST_BEFORE_STOP -> ddl.after();
                case WHILE_STOPPED -> concat(ddl.ddl(source.postgres()), ddl.after());
            }).toArray(String[]::new));
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
                runner.start();
                step(source, runner, clickhouse, verdict, 3, "after the restart", List.of());
                laps.lap("restart");
                step(source, runner, clickhouse, verdict, 4, "streaming after the restart",
                        when == When.WHILE_RUNNING ? List.of("UPDATE items SET rev = 30 WHERE id = 4") : ddl.later());
                laps.lap("changes");
            }
            laps.lap("stop");
        } catch (Exception | AssertionError e) {
            verdict.fail("the run threw " + e, e);
        } finally {
            source.dropSlot(run.slotName());
        }
        laps.print(source + " " + ddl + " " + when);
        verdict.assertClean();
    }

    /** Runs the statements, raises the marker to {@code phase}, waits for the stream and checks. */
    private static void step(SourceDb source, CdcRunner runner, ClickHouseGateway clickhouse, Verdict verdict,
            int phase, String when, List<String> statements) throws Exception {
        List<String> sql = new ArrayList<>(statements);
        if (phase > 1) {
            sql.add("UPDATE " + TortureRun.MARKER + " SET rev = " + phase + " WHERE id = 1");
        }
        if (!sql.isEmpty()) {
            source.execute(sql.toArray(String[]::new));
        }
        TortureRun.awaitMarker(runner, clickhouse, phase, verdict);
        verdict.check(when, phase, clickhouse, runner);
    }

    /**
     * MariaDB: waits until the DDL is in the pipeline's schema history, i.e. the stream has read it, so that
     * the stop comes after it. PostgreSQL does not stream DDL, and Debezium keeps no TRUNCATE in the history:
     * nothing to wait for.
     */
    private static void awaitSchemaHistory(FerryConfig config, String pipeline, DdlKind ddl, SourceDb source,
            Verdict verdict) throws Exception {
        java.util.regex.Pattern record = ddl.historyRecord();
        if (source.postgres() || record == null) {
            return;
        }
        Path history = config.stateDir().resolve(pipeline + ".schema-history");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = java.nio.file.Files.exists(history) ? java.nio.file.Files.readString(history) : "";
            if (record.matcher(text).find()) {
                return;
            }
            Thread.sleep(100);
        }
        verdict.fail("the schema history " + history + " did not record the " + ddl + " within 20 s; it ends with: "
                + text.substring(Math.max(0, text.length() - 600)), null);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
