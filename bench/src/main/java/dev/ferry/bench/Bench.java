package dev.ferry.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code bench/run}: Ferry's snapshot of one table from PostgreSQL and from MariaDB into ClickHouse, next to
 * what one would do without Ferry, on the bench's own local stack. See docs/performance.md.
 */
public final class Bench {

    private final BenchOptions options;
    private final Servers servers;
    private final ClickHouseClient clickhouse;
    private final FerryContender ferry;
    private final List<String> problems = new ArrayList<>();

    private Bench(BenchOptions options, Servers servers) {
        this.options = options;
        this.servers = servers;
        this.clickhouse = new ClickHouseClient(servers);
        this.ferry = new FerryContender(servers, options.stateDir());
    }

    public static void main(String[] args) {
        Path defaultStateDir = Path.of(System.getProperty("ferry.bench.stateDir", ".ferry/bench"));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, defaultStateDir);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Servers servers = Servers.start(options.stateDir());
            SourceData.Sizes sizes = SourceData.ensure(servers, options.rows());
            Bench bench = new Bench(options, servers);
            List<Result> results = bench.runAll();
            ResultTable.print(System.out, results, sizes);
            bench.problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
            System.exit(bench.problems.isEmpty() ? 0 : 1);
        } catch (RuntimeException | SQLException e) {
            System.err.println("bench: " + e.getMessage());
            if (System.getenv("FERRY_DEBUG") != null) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }

    /**
     * Per source, the baseline first and then Ferry, each into a freshly dropped target. Sources run one
     * after another, never together, so each contender has both cores.
     */
    private List<Result> runAll() {
        List<Result> results = new ArrayList<>();
        results.add(best(() -> {
            String target = clickhouse.freshBaselineTable("psql_pipe");
            CpuMeter cpu = CpuMeter.start(servers, "postgres");
            Duration elapsed = Baselines.psqlPipe(servers, clickhouse, target);
            CpuMeter.Cpu used = cpu.stop();
            return new Result("postgres", "psql COPY piped to clickhouse-client", true, elapsed, verify(target),
                    -1, -1, used, null);
        }));
        results.addAll(ferryRuns("postgres"));
        results.add(best(() -> {
            String target = clickhouse.freshBaselineTable("mysql_pull");
            CpuMeter cpu = CpuMeter.start(servers, "mariadb");
            Duration elapsed = Baselines.clickhousePull(servers, clickhouse, target);
            CpuMeter.Cpu used = cpu.stop();
            return new Result("mariadb", "ClickHouse INSERT SELECT FROM mysql()", true, elapsed, verify(target),
                    -1, -1, used, "18.16's mysql() has no Nullable: NULL notes land as ''");
        }));
        results.addAll(ferryRuns("mariadb"));
        return results;
    }

    private List<Result> ferryRuns(String source) {
        List<Result> results = new ArrayList<>();
        String target = FerryContender.targetDatabase(source) + "." + SourceData.TABLE;
        for (int parallelism : options.parallelism()) {
            results.add(best(() -> {
                clickhouse.query("DROP TABLE IF EXISTS " + target);
                CpuMeter cpu = CpuMeter.start(servers, source);
                FerryContender.Outcome outcome = ferry.run(source, parallelism, options.chunkRows());
                CpuMeter.Cpu used = cpu.stop();
                if (outcome.deadLetters() > 0) {
                    problems.add(source + ": Ferry sent " + outcome.deadLetters() + " rows to dead letters");
                }
                return new Result(source, "Ferry " + FerryContender.HEAP_LIMIT + ", parallelism " + parallelism,
                        false, outcome.wall(), verify(target), outcome.peakHeap(), outcome.peakRss(), used,
                        String.format(Locale.ROOT, "%.1f s of it in PipelineSync.run, the rest is JVM start",
                                outcome.elapsed().toNanos() / 1e9));
            }));
        }
        checkSameShape(target);
        return results;
    }

    /** Runs a contender {@code --runs} times and keeps its fastest run. */
    private Result best(Supplier<Result> contender) {
        Result best = null;
        for (int run = 1; run <= options.runs(); run++) {
            // others' work on the machine skews figures; the load average before each run tells
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Result result = contender.get();
            System.out.printf(Locale.ROOT, "  %-8s %-40s run %d: %,d rows in %.1f s, CPU s %s (load before: %.2f)%n",
                    result.source(), result.contender(), run, result.targetRows(), result.seconds(), result.cpu(),
                    load);
            best = best == null ? result : best.best(result);
        }
        return best;
    }

    /** Every contender must leave exactly the source's rows in its target. */
    private long verify(String table) {
        long rows = clickhouse.count(table);
        if (rows != options.rows()) {
            problems.add(table + " holds " + rows + " rows, the source " + options.rows());
        }
        return rows;
    }

    /** The baselines write into tables shaped like Ferry's; say so loudly if Ferry's DDL has moved on. */
    private void checkSameShape(String ferryTarget) {
        String ferryShape = clickhouse.columnTypes(ferryTarget);
        String baselineShape = clickhouse.columnTypes(ClickHouseClient.DB + ".psql_pipe");
        if (!ferryShape.equals(baselineShape)) {
            problems.add("Ferry's target " + ferryTarget + " " + ferryShape + " differs from the baselines' "
                    + baselineShape + "; update ClickHouseClient.freshBaselineTable");
        }
    }
}
