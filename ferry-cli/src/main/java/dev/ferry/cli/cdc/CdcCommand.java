package dev.ferry.cli.cdc;

import dev.ferry.cdc.CdcReset;
import dev.ferry.cdc.CdcRunner;
import dev.ferry.cdc.SlotStatus;
import dev.ferry.cli.StopSignal;
import dev.ferry.cli.sync.ConfigOptions;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry cdc}: stream a pipeline's changes into ClickHouse until stopped. */
@Command(name = "cdc", mixinStandardHelpOptions = true,
        description = "Stream changes (insert/update/delete, schema changes) of a cdc-mode pipeline from "
                + "PostgreSQL or MySQL/MariaDB into ClickHouse until SIGTERM or Ctrl-C, then flush and commit.")
public final class CdcCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Print applied changes and lag this often (default: ${DEFAULT-VALUE}).")
    int statusEvery;

    @Option(names = "--slot-warning", paramLabel = "MiB", defaultValue = "1024",
            description = "Warn when the PostgreSQL slot retains more WAL than this (default: ${DEFAULT-VALUE}).")
    long slotWarningMib;

    @Option(names = "--resync",
            description = "Drop the pipeline's ClickHouse tables and stored position first, then snapshot and "
                    + "stream again (after a column type change; the replication slot is kept).")
    boolean resync;

    @Override
    public Integer call() throws Exception {
        FerryConfig config = options.load();
        PipelineConfig pipeline = options.single(config, SyncMode.CDC);
        if (resync) {
            CdcReset.reset(config, pipeline).forEach(line -> System.out.println("resync: " + line));
        }
        try (StopSignal stop = StopSignal.install()) {
            CdcRunner runner = new CdcRunner(config, pipeline);
            String deadLetterTable = pipeline.target().database() + "." + DeadLetterTable.NAME;
            DeadLetterWatch watch = new DeadLetterWatch(pipeline);
            runner.start();
            System.out.println("pipeline " + pipeline.name() + ": streaming changes (Ctrl-C to stop)");
            long lastApplied = 0;
            long lastDeadLetters = 0;
            while (!stop.await(statusEvery, TimeUnit.SECONDS)) {
                if (runner.failure() != null) {
                    runner.close();
                    throw new FerryException("cdc of pipeline '" + pipeline.name() + "' stopped: "
                            + runner.failure().getMessage(), runner.failure());
                }
                long applied = runner.applied();
                var counts = runner.counts();
                System.out.println(CdcStatusLine.format(applied, (applied - lastApplied) / (double) statusEvery,
                        runner.lagMillis(), runner.lag().percentile(0.99), counts, slot(runner)));
                if (counts.deadLetters() > lastDeadLetters) {
                    System.out.printf("WARNING: %,d more changes could not be written and went to %s (see its error "
                            + "column); the rest of the stream goes on%n", counts.deadLetters() - lastDeadLetters,
                            deadLetterTable);
                }
                watch.newlyOver(counts).forEach(System.out::println);
                lastApplied = applied;
                lastDeadLetters = counts.deadLetters();
            }
            System.out.println(stop.received() + ": stopping; flushing and committing what was applied");
            runner.close(); // Debezium commits the offsets of everything ClickHouse accepted
            System.out.print(CdcStatusLine.summary(runner.counts(), deadLetterTable));
            watch.newlyOver(runner.counts()).forEach(System.out::println);
            if (!watch.over().isEmpty()) {
                System.out.println("tables over max_dead_letters: " + String.join(", ", watch.over()));
            }
            if (runner.failure() != null) {
                // e.g. an initial snapshot cut short by the stop: what was written stays, the next start resumes
                System.out.println("WARNING: while stopping: " + runner.failure().getMessage()
                        + " (the next start resumes from the stored position)");
            }
            return 0;
        }
    }

    private SlotStatus slot(CdcRunner runner) {
        try {
            SlotStatus slot = runner.slot().orElse(null);
            if (slot != null && slot.retainedBytes() > slotWarningMib << 20) {
                System.out.println("WARNING: replication slot " + slot.name() + " retains "
                        + CdcStatusLine.bytes(slot.retainedBytes()) + " of WAL on the source. Ferry is behind or "
                        + "was stopped; if this pipeline is gone for good, release it with: " + slot.dropHint());
            }
            return slot;
        } catch (FerryException e) {
            System.out.println("WARNING: " + e.getMessage());
            return null;
        }
    }
}
