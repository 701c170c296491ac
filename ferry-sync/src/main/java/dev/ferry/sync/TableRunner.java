package dev.ferry.sync;

import dev.ferry.core.FerryException;
import dev.ferry.jdbc.DataSources;
import dev.ferry.sync.snapshot.SnapshotJob;
import dev.ferry.sync.snapshot.SnapshotSession;
import dev.ferry.sync.state.TableState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs table jobs on a pool of {@code parallelism} threads. Snapshot chunks of all tables share one
 * consistent source snapshot; the first failure stops the run (finished chunks stay recorded, so the
 * next run resumes).
 */
final class TableRunner implements AutoCloseable {

    private final SyncContext ctx;
    private final ExecutorService pool;

    TableRunner(SyncContext ctx) {
        this.ctx = ctx;
        this.pool = Executors.newFixedThreadPool(ctx.pipeline().parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "ferry-sync-" + ctx.pipeline().name());
            thread.setDaemon(true);
            return thread;
        });
    }

    List<TableReport> snapshots(List<TableMapping> tables, boolean full) {
        return snapshots(tables, full, false, 0);
    }

    /**
     * @param live        write into the (CDC) targets themselves instead of staging tables
     * @param liveVersion the {@code _version} of the rows of a live load
     */
    List<TableReport> snapshots(List<TableMapping> tables, boolean full, boolean live, long liveVersion) {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<SnapshotJob> jobs = new ArrayList<>();
        try (SnapshotSession session = SnapshotSession.open(ctx.source(), ctx.pipeline().parallelism())) {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            List<Future<Void>> futures = new ArrayList<>();
            for (TableMapping table : tables) {
                SnapshotJob job = live ? SnapshotJob.intoLiveTarget(ctx, table, liveVersion)
                        : new SnapshotJob(ctx, table);
                jobs.add(job);
                List<Integer> chunks = withConnection(session, conn -> job.prepare(conn, full));
                for (int chunk : chunks) {
                    futures.add(done.submit(() -> {
                        withConnection(session, conn -> {
                            job.loadChunk(conn, chunk);
                            return null;
                        });
                        return null;
                    }));
                }
            }
            awaitAll(done, futures);
        }
        return jobs.stream().map(SnapshotJob::report).toList();
    }

    List<TableReport> incrementals(List<TableMapping> tables) {
        CompletionService<TableReport> done = new ExecutorCompletionService<>(pool);
        List<Future<TableReport>> futures = new ArrayList<>();
        for (TableMapping table : tables) {
            TableState state = ctx.state().get(table.name()).orElseThrow();
            futures.add(done.submit(() -> {
                try (Connection conn = DataSources.connect(ctx.source())) {
                    ctx.sql().prepareForReading(conn);
                    conn.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
                    try {
                        return new IncrementalJob(ctx, table).run(conn, state);
                    } finally {
                        conn.rollback();
                    }
                }
            }));
        }
        List<TableReport> reports = new ArrayList<>();
        for (Future<TableReport> ignored : futures) {
            reports.add(next(done, futures));
        }
        return reports;
    }

    private <T> T withConnection(SnapshotSession session, SqlFunction<T> work) {
        Connection conn;
        try {
            conn = session.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", e);
        }
        try {
            return work.apply(conn);
        } catch (SQLException e) {
            throw new FerryException("reading the source failed: " + e.getMessage(), e);
        } finally {
            session.release(conn);
        }
    }

    @FunctionalInterface
    private interface SqlFunction<T> {
        T apply(Connection conn) throws SQLException;
    }

    private static <T> void awaitAll(CompletionService<T> done, List<Future<T>> futures) {
        for (int i = 0; i < futures.size(); i++) {
            next(done, futures);
        }
    }

    /** The next finished task's result; on the first failure cancels the rest and rethrows it. */
    private static <T> T next(CompletionService<T> done, List<? extends Future<T>> futures) {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FerryException("sync failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new FerryException("sync interrupted", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
