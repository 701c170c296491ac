package dev.ferry.cdc.torture;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncOptions;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one scenario in one mode, in process (what {@code ferry sync} / {@code ferry cdc} run): load, check,
 * change, load again (or stream), check. Every check's findings are collected, so one failing test says
 * everything that is wrong with its scenario, not just the first thing.
 *
 * <p>CDC needs to know when the stream has caught up: every phase ends by raising {@code rev} of the one
 * row of {@value #MARKER}, a plain table in the same pipeline, committed after the phase's changes. Once
 * ClickHouse shows that rev, everything committed before it has been delivered (both sources stream in
 * commit order), so no fixed sleep is needed.
 */
final class TortureRun {

    static final String MARKER = "torture_marker";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

    private final TestDatabases db;
    private final SourceDb source;
    private final Path dir;
    private final Laps laps = new Laps();

    TortureRun(TestDatabases db, SourceDb source, Path dir) {
        this.db = db;
        this.source = source;
        this.dir = dir;
    }

    /** Runs the scenario and fails with every problem found, phase by phase. */
    void run(Scenario scenario, Mode mode) throws Exception {
        FerryConfig config = prepare(scenario, mode);
        lap("setup");
        Verdict verdict = new Verdict(config, config.requirePipeline(db.name()), scenario, mode, source);
        try (ClickHouseGateway clickhouse = clickhouse()) {
            if (mode == Mode.CDC) {
                stream(scenario, config, verdict, clickhouse);
            } else {
                sync(config);
                lap("first run");
                verdict.check("after the first " + mode + " run", 1, clickhouse, null);
                lap("check");
                changeAndRaiseMarker(scenario, mode, 2);
                sync(config);
                lap("changes and second run");
                verdict.check("after the second " + mode + " run", 2, clickhouse, null);
                lap("check");
            }
        } catch (Exception | AssertionError e) {
            verdict.fail("the run threw " + e, e);
        }
        laps.print(source + " " + mode + " '" + scenario.name() + "'");
        verdict.assertClean();
    }

    private void stream(Scenario scenario, FerryConfig config, Verdict verdict, ClickHouseGateway clickhouse)
            throws Exception {
        try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
            runner.start();
            lap("start");
            awaitMarker(runner, clickhouse, 1, verdict);
            lap("initial snapshot");
            verdict.check("after the initial snapshot", 1, clickhouse, runner);
            lap("check");
            changeAndRaiseMarker(scenario, Mode.CDC, 2);
            awaitMarker(runner, clickhouse, 2, verdict);
            lap("changes streamed");
            verdict.check("after streaming the changes", 2, clickhouse, runner);
            lap("check");
        } finally {
            lap("stop");
            source.dropSlot(slotName());
        }
    }

    /** Creates and fills the scenario's tables and the marker; returns the pipeline's config. */
    FerryConfig prepare(Scenario scenario, Mode mode) throws Exception {
        if (source.postgres() && !scenario.superuserSetup().isEmpty()) {
            source.executeAsSuperuser(scenario.superuserSetup().toArray(String[]::new));
        }
        List<String> setup = new ArrayList<>(scenario.setup());
        setup.add("CREATE TABLE " + MARKER + " (id int PRIMARY KEY, rev bigint NOT NULL)");
        setup.add("INSERT INTO " + MARKER + " VALUES (1, 1)");
        source.execute(setup.toArray(String[]::new));
        return config(scenario, mode);
    }

    private void lap(String what) {
        laps.lap(what);
    }

    private void changeAndRaiseMarker(Scenario scenario, Mode mode, int phase) throws Exception {
        List<String> sql = new ArrayList<>(scenario.changes().apply(mode));
        sql.add("UPDATE " + MARKER + " SET rev = " + phase + " WHERE id = 1");
        source.execute(sql.toArray(String[]::new));
    }

    /** Waits until the stream (and, in phase 1, Ferry's initial snapshot) has brought the marker's rev. */
    static void awaitMarker(CdcRunner runner, ClickHouseGateway clickhouse, int rev, Verdict verdict)
            throws InterruptedException {
        long deadline = System.nanoTime() + STREAM_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && runner.failure() == null) {
            if (runner.snapshotDone() && markerRev(clickhouse) >= rev) {
                return;
            }
            Thread.sleep(100);
        }
        verdict.fail((runner.failure() != null ? "the pipeline stopped before delivering the marker's rev " + rev
                : "the stream did not deliver the marker's rev " + rev + " within " + STREAM_TIMEOUT.toSeconds() + " s")
                + " (snapshot done: " + runner.snapshotDone() + ", changes applied: " + runner.applied()
                + ", failure: " + Verdict.causes(runner.failure()) + ")", null);
    }

    private static long markerRev(ClickHouseGateway clickhouse) {
        try {
            String rev = clickhouse.queryValue("SELECT max(rev) FROM " + MARKER + " FINAL");
            return rev == null || rev.isEmpty() ? 0 : Long.parseLong(rev);
        } catch (RuntimeException notThereYet) {
            return 0;
        }
    }

    private void sync(FerryConfig config) {
        new PipelineSync(config, config.requirePipeline(db.name())).run(SyncOptions.DEFAULT, SyncListener.NONE);
    }

    String slotName() {
        return "ferry_" + db.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    ClickHouseGateway clickhouse() {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    /** The config file a user would write for this scenario; passwords come from the environment. */
    FerryConfig config(Scenario scenario, Mode mode) throws Exception {
        List<String> tables = new ArrayList<>(scenario.tables());
        tables.add(MARKER);
        String selection = scenario.selection() != null ? scenario.selection()
                : "tables: [" + tables.stream().map(source::qualified).collect(Collectors.joining(", ")) + "]";
        return config(selection, mode);
    }

    FerryConfig config(String selection, Mode mode) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        String yaml = """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, %s}
                    target: {connection: ch}
                    mode: %s
                %s""".formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), selection, mode.yaml(), switch (mode) {
                    case INCREMENTAL -> "    cursor: rev\n";
                    case CDC -> "    batch: {interval: 200ms}\n";
                    case SNAPSHOT -> "";
                });
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD",
                ch.password()));
    }
}
