package dev.ferry.bench;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.cdc.LagHistogram;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.local.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CDC lag under sustained load: PostgreSQL updates at a fixed rate while {@code ferry cdc}'s engine streams
 * them into ClickHouse; prints the achieved change rate and the commit-to-ClickHouse lag p50/p99/max.
 * Usage: {@code bench/cdc-lag [--rate 5000] [--seconds 60]}.
 */
public final class CdcLagBench {

    private static final int ROWS = 100_000;

    private CdcLagBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate", 5000);
        int seconds = intArg(args, "--seconds", 60);
        Path stateDir = Path.of(System.getProperty("ferry.bench.stateDir", ".ferry/bench"));
        Servers servers = Servers.start(stateDir);
        ServiceState pg = servers.postgres();
        String password = Servers.password(pg);
        String database = "bench_cdc";
        prepareSource(servers, pg, password, database);
        Path dir = stateDir.resolve("cdc-lag");
        Files.createDirectories(dir);
        deleteRecursively(dir.resolve("state"));
        ServiceState ch = servers.clickhouse();
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                state_dir: state
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:%s}"}
                  ch: {type: clickhouse, url: "http://%s:%d", database: bench_cdc, user: %s, password: "${file:%s}"}
                pipelines:
                  - name: cdclag
                    source: {connection: pg, tables: [public.accounts]}
                    target: {connection: ch}
                    mode: cdc
                """.formatted(pg.host(), pg.port(), database, pg.user(), pg.passwordFile(), ch.host(), ch.port(),
                ch.user(), ch.passwordFile()));
        FerryConfig loaded = ConfigLoader.load(config);
        try (CdcRunner runner = new CdcRunner(loaded, loaded.requirePipeline("cdclag"))) {
            runner.start();
            while (runner.applied() < ROWS) { // the initial snapshot
                check(runner);
                Thread.sleep(200);
            }
            runner.lag().reset();
            long sent = drive(servers.postgresUrl(database), pg.user(), password, rate, seconds, runner);
            long deadline = System.currentTimeMillis() + 60_000;
            while (runner.lag().count() < sent && System.currentTimeMillis() < deadline) {
                check(runner);
                Thread.sleep(100);
            }
            LagHistogram lag = runner.lag();
            System.out.printf(Locale.ROOT, "%n| target rate | achieved rate | changes | applied | lag p50 | lag p99 | lag max |%n");
            System.out.printf(Locale.ROOT, "| %,d/s | %,.0f/s | %,d | %,d | %d ms | %d ms | %d ms |%n", rate,
                    sent / (double) seconds, sent, lag.count(), lag.percentile(0.5), lag.percentile(0.99),
                    lag.percentile(1.0));
            System.exit(lag.count() >= sent ? 0 : 1);
        }
    }

    private static void check(CdcRunner runner) {
        if (runner.failure() != null) {
            throw new IllegalStateException("cdc failed: " + runner.failure().getMessage(), runner.failure());
        }
    }

    /** Updates at a fixed rate in 100 ms transactions; returns how many were committed. */
    private static long drive(String url, String user, String password, int rate, int seconds, CdcRunner runner)
            throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        long sent = 0;
        int perTick = Math.max(1, rate / 10);
        try (Connection conn = DriverManager.getConnection(url, user, password);
                PreparedStatement update = conn.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
            conn.setAutoCommit(false);
            long start = System.nanoTime();
            for (int tick = 0; tick < seconds * 10; tick++) {
                for (int i = 0; i < perTick; i++) {
                    update.setInt(1, 1 + random.nextInt(ROWS));
                    update.addBatch();
                }
                update.executeBatch();
                conn.commit();
                sent += perTick;
                check(runner);
                long next = start + (tick + 1) * 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (tick % 50 == 49) {
                    System.out.printf(Locale.ROOT, "  %ds: %,d changes sent, %,d applied, last batch lag %d ms%n",
                            (tick + 1) / 10, sent, runner.lag().count(), runner.lagMillis());
                }
            }
        }
        return sent;
    }

    private static void prepareSource(Servers servers, ServiceState pg, String password, String database)
            throws Exception {
        try (Connection admin = DriverManager.getConnection(servers.postgresUrl("ferry"), pg.user(), password);
                Statement st = admin.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'ferry_cdclag'");
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection conn = DriverManager.getConnection(servers.postgresUrl(database), pg.user(), password);
                Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL, note text)");
            st.execute("INSERT INTO accounts SELECT g, 0, 'account ' || g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
