package dev.ferry.bench;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The initial load of a CDC pipeline (Ferry's parallel snapshot into the live targets while the stream is
 * connected) next to a plain {@code ferry sync} snapshot of the same table, one after the other: rows/s and
 * the ratio. Usage: {@code bench/run cdc-snapshot [--rows 1000000] [--source both]}. Debezium's own snapshot,
 * which Ferry used before, was measured with an earlier form of this harness (docs/performance.md).
 */
public final class CdcSnapshotBench {

    private CdcSnapshotBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = CdcLagBench.intArg(args, "--rows", 1_000_000);
        String which = CdcLagBench.stringArg(args, "--source", "both");
        Path stateDir = Path.of(System.getProperty("ferry.bench.stateDir", ".ferry/bench"));
        Servers servers = Servers.start(stateDir);
        List<String> lines = new ArrayList<>();
        for (String kind : which.equals("both") ? List.of("postgres", "mariadb") : List.of(which)) {
            CdcBenchSource source = CdcBenchSource.of(kind, servers, "bench_cdc");
            System.out.printf(Locale.ROOT, "%n%s: %,d rows%n", kind, rows);
            source.prepare(rows, "ferry_cdclag");
            FerryConfig config = CdcLagBench.config(stateDir.resolve("cdc-snapshot"), source, servers.clickhouse());

            long started = System.nanoTime();
            new PipelineSync(config, config.requirePipeline("batch")).run(new SyncOptions(null, true),
                    SyncListener.NONE);
            double ferrySeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "  ferry sync snapshot: %.1f s%n", ferrySeconds);

            started = System.nanoTime();
            try (CdcRunner runner = new CdcRunner(config, config.requirePipeline("cdclag"))) {
                runner.start();
                while (!runner.snapshotDone()) {
                    CdcLagBench.check(runner);
                    Thread.sleep(50);
                }
            }
            double cdcSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "  cdc initial snapshot: %.1f s%n", cdcSeconds);
            lines.add(String.format(Locale.ROOT, "| %s | %,d | %,.0f rows/s | %,.0f rows/s | %.2fx |", kind, rows,
                    rows / ferrySeconds, rows / cdcSeconds, ferrySeconds / cdcSeconds));
        }
        System.out.printf(Locale.ROOT, "%n| source | rows | ferry sync snapshot | cdc initial snapshot "
                + "| cdc vs sync |%n|---|---|---|---|---|%n");
        lines.forEach(System.out::println);
    }
}
