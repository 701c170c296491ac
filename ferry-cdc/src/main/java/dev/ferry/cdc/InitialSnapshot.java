package dev.ferry.cdc;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.TableMapping;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The hand-over from snapshot to stream. Debezium starts streaming first (no snapshot of its own); once
 * it is connected to the change log, Ferry's parallel chunked snapshot reads the tables and writes their
 * rows at version 0 into the targets the stream writes to. Every change committed after the stream's start
 * position arrives with a higher version, so it wins over the snapshot's copy of its row whichever lands
 * first: no gap, and nothing applied twice in the current state. Measured 15-20x faster than Debezium's
 * own snapshot (docs/performance.md).
 */
final class InitialSnapshot implements Runnable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);

    private final FerryConfig config;
    private final PipelineConfig pipeline;
    private final List<TableMapping> tables;
    private final StreamReadiness stream;
    private final Supplier<Throwable> streamFailure;
    private final ChangeCounts counts;
    private final AtomicLong rows = new AtomicLong();
    private volatile boolean done;

    InitialSnapshot(FerryConfig config, PipelineConfig pipeline, List<TableMapping> tables, StreamReadiness stream,
            Supplier<Throwable> streamFailure, ChangeCounts counts) {
        this.counts = counts;
        this.config = config;
        this.pipeline = pipeline;
        this.tables = List.copyOf(tables);
        this.stream = stream;
        this.streamFailure = streamFailure;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (!stream.connected()) {
            if (streamFailure.get() != null) {
                return; // the runner reports the stream's failure
            }
            if (System.nanoTime() > deadline) {
                throw new FerryException("pipeline '" + pipeline.name() + "': the change stream did not connect within "
                        + CONNECT_TIMEOUT.toMinutes() + " minutes, so the initial snapshot cannot start");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        new PipelineSync(config, pipeline).snapshotIntoLiveTargets(tables, false, new SnapshotCounting(counts) {
            @Override
            public void rowsWritten(String table, long written) {
                rows.addAndGet(written);
            }
        });
        done = true;
    }

    long rows() {
        return rows.get();
    }

    boolean done() {
        return done;
    }
}
