package dev.ferry.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryCli;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.sync.FaultPoint;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ferry sync} stopped at many points of a snapshot (kill -9 mid-chunk, after the last chunk, at each step
 * of the swap, before the state says done) and with ClickHouse or the source cut away mid-chunk and at the swap.
 * After each fault, a rerun ends with {@code ferry validate} equal (except the known dead letters), every row
 * once in a plain {@code count()}, and each dead letter once. Kills halt a {@code ferry.jar} child process at a
 * {@link FaultPoint} (exit 137, as kill -9); cuts go through {@link TcpProxy} from a hook in this JVM.
 */
@FerryIntegrationTest
class SyncFaultsIT {

    private static final int EVENTS = 8_000;
    /** Rows of events whose amount is NaN, which no ClickHouse Decimal holds: dead letters. */
    private static final int NAN_EVERY = 2_000;
    private static final int VIEWS = 2_000;

    @TempDir
    Path dir;

    private void createSource(TestDatabases db) throws SQLException {
        postgres(db, "CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, amount numeric(10,2))",
                "INSERT INTO events SELECT g, 'k' || (g % 7), CASE WHEN g % " + NAN_EVERY + " = 0 THEN 'NaN'::numeric"
                        + " ELSE g / 100.0 END FROM generate_series(1, " + EVENTS + ") g",
                "CREATE TABLE views (url text, ms int)",
                "INSERT INTO views SELECT '/p/' || (g % 10), g FROM generate_series(1, " + VIEWS + ") g");
    }

    /** What changes between the first load and the faulty one: updates, deletes, inserts, in both tables. */
    private static void changeSource(TestDatabases db) throws SQLException {
        postgres(db, "UPDATE events SET kind = 'changed' WHERE id % 3 = 0", "DELETE FROM events WHERE id % 11 = 0",
                "INSERT INTO events SELECT g, 'new', 1 FROM generate_series(" + (EVENTS + 1) + ", " + (EVENTS + 500)
                        + ") g",
                "UPDATE views SET ms = ms + 1 WHERE ms % 5 = 0", "INSERT INTO views VALUES ('/new', -1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {FaultPoint.AFTER_BATCH, FaultPoint.BEFORE_SWAP, FaultPoint.SWAP_AFTER_DROP_OLD,
            FaultPoint.SWAP_AFTER_RENAME, FaultPoint.BEFORE_STATE_DONE})
    void killedSnapshotEndsEqualWithoutDuplicates(String point, TestDatabases db) throws Exception {
        createSource(db);
        Path config = config(db, db.stack().postgres().port(), db.stack().clickhouse().httpUrl(), "snapshot");
        assertThat(inJvm(config)).isZero();
        changeSource(db);
        assertThat(child(config, "halted", point, "sync")).as("halted at " + point).isEqualTo(137);
        assertThat(inJvm(config)).isZero();
        assertEqualWithoutDuplicates(db, config);
    }

    /**
     * ClickHouse goes away for a moment during the swap: the retry policy carries the swap through. One table, so
     * that no insert of another table is under way at the cut (a keyless table's insert whose answer is lost is
     * the mid-chunk case below).
     */
    @Test
    void clickHouseCutAtTheSwap(TestDatabases db) throws Exception {
        createSource(db);
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port())) {
            Path config = config(db, db.stack().postgres().port(), "http://127.0.0.1:" + proxy.port(),
                    "snapshot", "[{name: public.events, max_dead_letters: 4}]");
            assertThat(inJvm(config)).isZero();
            changeSource(db);
            int exit = withCut(proxy, FaultPoint.SWAP_AFTER_DROP_OLD, 1, true, config);
            assertThat(exit).as("the swap is retried while ClickHouse is away").isZero();
            assertEqualWithoutDuplicates(db, config);
        }
    }

    /**
     * ClickHouse goes away for a moment mid-chunk: inserts are retried, copies of a batch never reach the target.
     * An insert applied but unanswered is sent again: the keyed staging table is deduplicated, the keyless one has
     * more rows than written and fails the run without replacing the target; the rerun loads it anew.
     */
    @Test
    void clickHouseCutMidChunk(TestDatabases db) throws Exception {
        createSource(db);
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port())) {
            Path config = config(db, db.stack().postgres().port(), "http://127.0.0.1:" + proxy.port(), "snapshot");
            int exit = withCut(proxy, FaultPoint.AFTER_BATCH, 3, true, config);
            if (exit != 0) {
                proxy.restore();
                assertThat(inJvm(config)).isZero();
            }
            assertEqualWithoutDuplicates(db, config);
        }
    }

    /** The source goes away mid-chunk or at the swap and stays away: the run fails, the rerun completes it. */
    @ParameterizedTest
    @ValueSource(strings = {FaultPoint.AFTER_BATCH, FaultPoint.SWAP_AFTER_DROP_OLD})
    void sourceCut(String point, TestDatabases db) throws Exception {
        createSource(db);
        ServerEndpoint pg = db.stack().postgres();
        try (TcpProxy proxy = new TcpProxy(pg.host(), pg.port())) {
            Path config = config(db, proxy.port(), db.stack().clickhouse().httpUrl(), "snapshot");
            assertThat(inJvm(config)).isZero();
            changeSource(db);
            withCut(proxy, point, 2, false, config); // may fail (a chunk was reading) or not (all was read)
            proxy.restore();
            assertThat(inJvm(config)).isZero();
            assertEqualWithoutDuplicates(db, config);
        }
    }

    /**
     * An incremental run killed after it stored its first new mark: the rerun reads on from the mark. Rows it wrote
     * twice are versions of the same key, which FINAL resolves (a plain count() of an incremental target includes
     * versions ClickHouse has not merged yet).
     */
    @Test
    void killedIncrementalRunEndsEqual(TestDatabases db) throws Exception {
        postgres(db, "CREATE TABLE items (id bigint PRIMARY KEY, note text NOT NULL, updated_at timestamp NOT NULL)",
                "INSERT INTO items SELECT g, 'n' || g, timestamp '2024-01-01' + g * interval '1 second' "
                        + "FROM generate_series(1, 3000) g");
        Path config = config(db, db.stack().postgres().port(), db.stack().clickhouse().httpUrl(),
                "incremental\n    cursor: updated_at");
        assertThat(inJvm(config)).isZero();
        postgres(db, "UPDATE items SET note = 'changed', updated_at = timestamp '2024-02-01' + id * interval '1 second'"
                + " WHERE id % 2 = 0", "INSERT INTO items VALUES (3001, 'new', timestamp '2024-03-01')");
        assertThat(child(config, "halted", FaultPoint.INCREMENTAL_AFTER_MARK, "sync")).isEqualTo(137);
        assertThat(inJvm(config)).isZero();
        assertThat(FerryCli.run("validate", "--config", config.toString())).isZero();
        try (ClickHouseGateway ch = gateway(db)) {
            assertThat(ch.queryAll("SELECT count(), uniqExact(id), countIf(note = 'changed') FROM items FINAL"))
                    .containsExactly(List.of("3001", "3001", "1500"));
        }
    }

    /**
     * Runs {@code ferry sync} in this JVM and cuts {@code proxy} the {@code nth} time {@code point} is reached;
     * with {@code restore}, it comes back a second later.
     */
    private int withCut(TcpProxy proxy, String point, int nth, boolean restore, Path config) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        FaultPoint.hook(name -> {
            if (name.equals(point) && seen.incrementAndGet() == nth) {
                try {
                    proxy.cut();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                if (restore) {
                    // the fault is the outage itself: a server away for a second, as a restart would be
                    later.schedule(() -> {
                        proxy.restore();
                        return null;
                    }, 1, TimeUnit.SECONDS);
                }
            }
        });
        try {
            return inJvm(config);
        } finally {
            FaultPoint.hook(null);
            later.shutdown();
            assertThat(later.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get()).as(point + " reached").isGreaterThanOrEqualTo(nth);
        }
    }

    private static int inJvm(Path config) {
        return FerryCli.run("sync", "--config", config.toString());
    }

    /** validate equal except the dead letters; every row once without FINAL; every dead letter once. */
    private void assertEqualWithoutDuplicates(TestDatabases db, Path config) throws Exception {
        assertThat(FerryCli.run("validate", "--config", config.toString(), "--accept-dead-letters")).isZero();
        long events;
        long views;
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            events = count(st, "SELECT count(*) FROM events WHERE amount <> 'NaN'");
            views = count(st, "SELECT count(*) FROM views");
        }
        try (ClickHouseGateway ch = gateway(db)) {
            assertThat(ch.queryAll("SELECT count(), uniqExact(id) FROM events"))
                    .containsExactly(List.of(Long.toString(events), Long.toString(events)));
            if (Files.readString(config).contains("public.views")) {
                assertThat(ch.queryLong("SELECT count() FROM views")).isEqualTo(views);
            }
            assertThat(ch.queryAll("SELECT count(), uniqExact(row_key) FROM _ferry_dead_letters "
                    + "WHERE source_table = 'public.events'")).containsExactly(List.of("4", "4"));
            assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                    + "AND name LIKE '%\\\\_\\\\_ferry\\\\_%'")).as("staging or old tables left").isZero();
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path config(TestDatabases db, int pgPort, String chUrl, String mode) throws IOException {
        return config(db, pgPort, chUrl, mode, mode.startsWith("incremental") ? "[public.items]"
                : "[{name: public.events, max_dead_letters: 4}, public.views]");
    }

    private Path config(TestDatabases db, int pgPort, String chUrl, String mode, String tables) throws IOException {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("pg.secret"), pg.password());
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: faults
                    source: {connection: pg, tables: %s}
                    target: {connection: ch}
                    mode: %s
                    chunk_rows: 1500
                    parallelism: 2
                    batch: {rows: 400}
                """.formatted(pg.host(), pgPort, db.postgres(), pg.user(), chUrl, db.clickhouse(), ch.user(), tables,
                mode));
        return config;
    }

    /** Runs ferry.jar with the arguments (after {@code --config}); {@code haltAt} sets {@link FaultPoint#ENV}. */
    private int child(Path config, String name, String haltAt, String command, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", Path.of("target", "ferry.jar").toAbsolutePath().toString(), command, "--config",
                config.toString()));
        args.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        if (haltAt != null) {
            builder.environment().put(FaultPoint.ENV, haltAt);
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not end within 120 s; see " + dir.resolve(name + ".log"));
        }
        int exit = process.exitValue();
        if (exit != 0 && exit != 137) {
            System.err.println(name + " exited " + exit + ":\n" + Files.readString(dir.resolve(name + ".log")));
        }
        return exit;
    }

    private static ClickHouseGateway gateway(TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    private static void postgres(TestDatabases db, String... statements) throws SQLException {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
