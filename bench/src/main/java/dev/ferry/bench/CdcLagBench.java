package dev.ferry.bench;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.cdc.LagHistogram;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.local.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CDC lag under sustained load: updates at a fixed rate on PostgreSQL and on MariaDB while {@code ferry cdc}'s
 * engine streams them into ClickHouse; prints the achieved change rate and the commit-to-ClickHouse lag
 * p50/p99/max per source. Usage: {@code bench/run cdc-lag [--rate 5000] [--seconds 60] [--source both]}.
 */
public final class CdcLagBench {

    private static final int ROWS = 100_000;

    private CdcLagBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate", 5000);
        int seconds = intArg(args, "--seconds", 60);
        String which = stringArg(args, "--source", "both");
        Path stateDir = Path.of(System.getProperty("ferry.bench.stateDir", ".ferry/bench"));
        Servers servers = Servers.start(stateDir);
        List<String> rows = new ArrayList<>();
        boolean ok = true;
        for (String kind : which.equals("both") ? List.of("postgres", "mariadb") : List.of(which)) {
            CdcBenchSource source = CdcBenchSource.of(kind, servers, "bench_cdc");
            System.out.printf(Locale.ROOT, "%n%s: %,d changes/s for %d s%n", kind, rate, seconds);
            source.prepare(ROWS, "ferry_cdclag");
            FerryConfig loaded = config(stateDir.resolve("cdc-lag"), source, servers.clickhouse());
            try (CdcRunner runner = new CdcRunner(loaded, loaded.requirePipeline("cdclag"))) {
                runner.start();
                while (!runner.snapshotDone()) { // the initial snapshot
                    check(runner);
                    Thread.sleep(200);
                }
                runner.lag().reset();
                long sent = drive(source, rate, seconds, runner);
                long deadline = System.currentTimeMillis() + 60_000;
                while (runner.lag().count() < sent && System.currentTimeMillis() < deadline) {
                    check(runner);
                    Thread.sleep(100);
                }
                LagHistogram lag = runner.lag();
                rows.add(String.format(Locale.ROOT, "| %s | %,d/s | %,.0f/s | %,d | %,d | %d ms | %d ms | %d ms |", kind,
                        rate, sent / (double) seconds, sent, lag.count(), lag.percentile(0.5), lag.percentile(0.99),
                        lag.percentile(1.0)));
                ok &= lag.count() >= sent;
            }
        }
        System.out.printf(Locale.ROOT, "%n| source | target rate | achieved rate | changes | applied | lag p50 | lag p99 "
                + "| lag max |%n|---|---|---|---|---|---|---|---|%n");
        rows.forEach(System.out::println);
        System.exit(ok ? 0 : 1);
    }

    static FerryConfig config(Path dir, CdcBenchSource source, ServiceState ch) throws Exception {
        Files.createDirectories(dir);
        deleteRecursively(dir.resolve("state"));
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                state_dir: state
                connections:
                  %s
                  ch: {type: clickhouse, url: "http://%s:%d", database: bench_cdc, user: %s, password: "${file:%s}"}
                pipelines:
                  - name: cdclag
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                    batch: {interval: 200ms}
                  - name: batch
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch, database: bench_cdc_batch}
                    mode: snapshot
                    parallelism: 2
                """.formatted(source.connectionYaml(), ch.host(), ch.port(), ch.user(), ch.passwordFile(),
                source.table(), source.table()));
        return ConfigLoader.load(config);
    }

    static void check(CdcRunner runner) {
        if (runner.failure() != null) {
            throw new IllegalStateException("cdc failed: " + runner.failure().getMessage(), runner.failure());
        }
    }

    /** Updates at a fixed rate in 100 ms transactions; returns how many were committed. */
    private static long drive(CdcBenchSource source, int rate, int seconds, CdcRunner runner) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        long sent = 0;
        int perTick = Math.max(1, rate / 10);
        try (Connection conn = source.connect();
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

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
