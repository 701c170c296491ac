package dev.ferry.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes a stream's batches on a thread of its own, one at a time, so that the consumer reads and parses
 * the next batch while ClickHouse takes the previous one. With one loop doing both, Ferry's parsing and
 * ClickHouse's insert took turns and each left the other's CPU idle. Offsets stay with the consumer's
 * thread (a Kafka consumer is single-threaded): it commits a batch once this writer reports it written.
 */
final class BatchWriter implements AutoCloseable {

    /** How a write ended: {@code failure} is null when every table (and the dead-letter topic) took it. */
    record Outcome(StreamBatch batch, RuntimeException failure, long millis) {
    }

    private final StreamSink sink;
    private final DeadLetterTopic deadLetterTopic;
    private final ExecutorService thread;
    private Future<Outcome> running;

    BatchWriter(String pipeline, StreamSink sink, DeadLetterTopic deadLetterTopic) {
        this.sink = sink;
        this.deadLetterTopic = deadLetterTopic;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "ferry-stream-" + pipeline + "-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether a write was handed over and its outcome not yet taken. */
    boolean busy() {
        return running != null;
    }

    void submit(StreamBatch batch) {
        if (running != null) {
            throw new IllegalStateException("a batch is still being written");
        }
        running = thread.submit(() -> write(batch));
    }

    /** The outcome of the write under way if it has ended, else null (also when there is none). */
    Outcome finished() {
        return running != null && running.isDone() ? take() : null;
    }

    /** Waits for the write under way; null when there is none. */
    Outcome await() {
        return running == null ? null : take();
    }

    private Outcome take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return running.get();
                } catch (InterruptedException e) {
                    // the batch is the writer's until it ends: leaving early would let two threads change it
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("writing a batch failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            running = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Outcome write(StreamBatch batch) {
        long started = System.nanoTime();
        try {
            sink.write(batch);
            deadLetterTopic.publish(batch);
            return new Outcome(batch, null, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            return new Outcome(batch, e, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Lets a write under way end (a minute at most), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
