package dev.ferry.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writer threads that change a source table while syncs run, as an application would: each thread has its
 * own connection and repeats one unit of work until stopped. The first failure of any writer is rethrown
 * by {@link #stop()}, so a broken workload cannot pass for a quiet one.
 */
final class ConcurrentWriters implements AutoCloseable {

    /** One unit of work on the writer's own connection. */
    @FunctionalInterface
    interface Work {
        void run(Connection conn, ThreadLocalRandom random) throws SQLException, InterruptedException;
    }

    /** Opens a connection for one writer. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong units = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts a writer doing {@code work} over and over, {@code pauseMillis} apart (0: back to back). */
    ConcurrentWriters start(String name, Connector connector, Work work, int pauseMillis) {
        Thread thread = new Thread(() -> {
            try (Connection conn = connector.open()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    work.run(conn, random);
                    units.incrementAndGet();
                    if (pauseMillis > 0) {
                        // the writer's own pacing (an application writing every few ms), not a wait for a condition
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "writer-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        return this;
    }

    /** Units of work done so far by all writers. */
    long units() {
        return units.get();
    }

    /** Stops every writer after its current unit and waits for it; rethrows the first failure. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new AssertionError("a writer failed: " + e, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
