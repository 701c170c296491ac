package dev.ferry.cli.demo;

import dev.ferry.cdc.CdcReset;
import dev.ferry.cdc.CdcRunner;
import dev.ferry.cli.cdc.CdcStatusLine;
import dev.ferry.cli.sync.ProgressView;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.demo.LiveOrderWorkload;
import dev.ferry.demo.SalesReport;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.sync.Endpoints;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The CDC half of the demo: stream the shop from PostgreSQL into ClickHouse while a live order workload
 * runs against it, print the lag every second, then let Ferry catch up and validate value by value.
 */
final class CdcDemo {

    private final FerryConfig config;
    private final PipelineConfig pipeline;
    private final Duration duration;
    private final int transactionsPerSecond;

    CdcDemo(FerryConfig config, Duration duration, int transactionsPerSecond) {
        this.config = config;
        this.pipeline = config.requirePipeline(DemoConfig.CDC_PIPELINE);
        this.duration = duration;
        this.transactionsPerSecond = transactionsPerSecond;
    }

    /** Returns whether ClickHouse ended equal to the source. */
    boolean run() throws Exception {
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        forgetPreviousRun(source);
        System.out.println("3/5 streaming the shop into ClickHouse database " + DemoConfig.LIVE_DB
                + " (initial snapshot, then changes)");
        try (CdcRunner runner = new CdcRunner(config, pipeline)) {
            runner.start();
            awaitSnapshot(runner);
            System.out.printf("4/5 live shop: %d transactions/s for %ds (orders placed, paid, shipped, cancelled)%n",
                    transactionsPerSecond, duration.toSeconds());
            long changes = runWorkload(source, runner);
            System.out.printf("    %s source rows changed; waiting for ClickHouse to catch up%n",
                    ProgressView.format(changes));
            awaitCaughtUp(runner);
        }
        System.out.println("5/5 validating, then the sales report from the live copy");
        boolean equal = true;
        for (TableValidation t : new Validator(config, pipeline).run(null, v -> { })) {
            System.out.printf("    %-24s %s (%s rows)%n", t.table(), t.equal() ? "equal" : "DIFFERENT",
                    ProgressView.format(t.sourceRows()));
            equal &= t.equal();
        }
        try (ClickHouseGateway gateway = new ClickHouseGateway(Endpoints.clickhouse(
                config.connections().get(pipeline.target().connection()), DemoConfig.LIVE_DB))) {
            System.out.println(SalesReport.queryCurrent(gateway, DemoConfig.LIVE_DB).render());
        }
        System.out.println("Try: ferry cdc --config " + config.file() + " --pipeline " + pipeline.name());
        return equal;
    }

    /**
     * The demo regenerates its tables each run, so the previous run's stream position means nothing: its
     * ClickHouse tables, offsets, replication slot and publication (all the demo's own) are removed.
     */
    private void forgetPreviousRun(JdbcEndpoint source) throws SQLException {
        System.out.println("    removing the previous demo run's stream: its ClickHouse tables, stored position, "
                + "replication slot and publication ferry_" + pipeline.name());
        CdcReset.reset(config, pipeline);
        String name = "ferry_" + pipeline.name();
        try (Connection conn = DataSources.connect(source); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + name + "' AND NOT active");
            st.execute("DROP PUBLICATION IF EXISTS " + name);
        }
    }

    private static void awaitSnapshot(CdcRunner runner) throws InterruptedException {
        long started = System.nanoTime();
        while (!runner.snapshotDone()) {
            Thread.sleep(500);
            failIfStopped(runner);
            System.out.printf("    snapshot: %s rows%n", ProgressView.format(runner.snapshotRows()));
        }
        System.out.printf("    snapshot done: %s rows in %.1fs, changes streaming%n",
                ProgressView.format(runner.snapshotRows()), (System.nanoTime() - started) / 1e9);
    }

    private long runWorkload(JdbcEndpoint source, CdcRunner runner) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        long[] changes = {0};
        Exception[] failure = {null};
        Thread shop = new Thread(() -> {
            try (Connection conn = DataSources.connect(source); LiveOrderWorkload workload = new LiveOrderWorkload(conn, 7)) {
                long intervalNanos = 1_000_000_000L / transactionsPerSecond;
                long next = System.nanoTime();
                while (!stop.get()) {
                    workload.step();
                    changes[0] = workload.changes();
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "ferry-demo-shop");
        shop.start();
        long applied = runner.applied();
        long end = System.nanoTime() + duration.toNanos();
        runner.lag().reset();
        while (System.nanoTime() < end && shop.isAlive()) {
            Thread.sleep(1000);
            failIfStopped(runner);
            long now = runner.applied();
            System.out.println("    " + CdcStatusLine.format(now, now - applied, runner.lagMillis(),
                    runner.lag().percentile(0.99), runner.counts(), runner.slot().orElse(null)));
            applied = now;
        }
        stop.set(true);
        shop.join();
        if (failure[0] != null) {
            throw new FerryException("the demo's order workload failed: " + failure[0].getMessage(), failure[0]);
        }
        return changes[0];
    }

    private static void awaitCaughtUp(CdcRunner runner) throws InterruptedException {
        long last = -1;
        while (runner.applied() != last) {
            last = runner.applied();
            Thread.sleep(2000);
            failIfStopped(runner);
        }
        System.out.printf("    applied %s changes; lag p50 %d ms, p99 %d ms while the shop was live%n",
                ProgressView.format(runner.applied()), runner.lag().percentile(0.5), runner.lag().percentile(0.99));
    }

    private static void failIfStopped(CdcRunner runner) {
        if (runner.failure() != null) {
            throw new FerryException("streaming stopped: " + runner.failure().getMessage(), runner.failure());
        }
    }
}
