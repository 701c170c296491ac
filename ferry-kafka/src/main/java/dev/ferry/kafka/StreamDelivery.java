package dev.ferry.kafka;

import dev.ferry.core.config.BatchConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a stream's batches from the consumer to the {@link BatchWriter} and commits them: which batch is
 * being read, which is being written, which failed and when it is tried again, and when consumption has to
 * wait. The next batch is handed over only after the previous one is written and committed, so offsets are
 * committed in order; a batch whose write or commit failed blocks the next until it is delivered. Used by
 * the consumer's thread only (the rebalance callbacks run on it too), except for the counters.
 */
final class StreamDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(StreamDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String pipeline;
    private final BatchConfig limits;
    private final Consumer<byte[], byte[]> consumer;
    private final BatchWriter writer;
    /** The pipeline's follow-up statements, run after each committed batch. */
    private final Runnable afterBatch;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long lastBatchMillis;
    private volatile long unavailableSince;
    /** The batch being read; handed to the writer when due and the writer is free. */
    private StreamBatch filling = new StreamBatch();
    /** A batch whose write or commit failed, waiting for its next attempt at {@link #nextAttemptNanos}. */
    private StreamBatch failed;
    private boolean shuttingDown;
    private Duration backoff = Duration.ofSeconds(1);
    private long nextAttemptNanos;

    StreamDelivery(String pipeline, BatchConfig limits, Consumer<byte[], byte[]> consumer, BatchWriter writer,
            Runnable afterBatch) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.consumer = consumer;
        this.writer = writer;
        this.afterBatch = afterBatch;
    }

    /** Adds what a poll returned to the batch being read. */
    void read(ConsumerRecords<byte[], byte[]> records, MessageRouter router) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> messages = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> record : messages) {
                router.add(tp, record, filling);
            }
            filling.next.put(tp, messages.getLast().offset() + 1);
        }
    }

    /**
     * Between two polls: commits a finished write (or keeps a failed one), gives the writer its next batch,
     * and pauses or resumes consumption.
     */
    void advance() {
        handle(writer.finished());
        if (failed != null && failed.isEmpty()) {
            failed = null; // its partitions went to other workers in a rebalance: nothing left to retry
            available();
        }
        handOver();
        if (holding()) {
            if (consumer.paused().size() < consumer.assignment().size()) {
                consumer.pause(consumer.assignment());
            }
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Whether a write is under way: the consumer then polls briefly, to notice its end at once. */
    boolean writing() {
        return writer.busy();
    }

    /** Gives the writer its next batch when it is free: a failed one when its pause is over, else a due one. */
    private void handOver() {
        if (writer.busy()) {
            return;
        }
        if (failed != null) {
            if (System.nanoTime() >= nextAttemptNanos) {
                writer.submit(failed);
                failed = null;
            }
        } else if (!filling.isEmpty() && (full(filling)
                || System.nanoTime() - filling.startedNanos >= limits.interval().toNanos())) {
            submitFilling();
        }
    }

    private void submitFilling() {
        writer.submit(filling);
        filling = new StreamBatch();
    }

    private boolean full(StreamBatch batch) {
        return batch.messages >= limits.rows() || batch.bytes >= limits.bytes();
    }

    /** Consumption waits while delivery fails, or while a full batch waits for the writer. */
    boolean holding() {
        return unavailableSince > 0 || failed != null || writer.busy() && full(filling);
    }

    /** Commits a written batch, or keeps a failed one for its next attempt. */
    private void handle(BatchWriter.Outcome outcome) {
        if (outcome == null) {
            return;
        }
        StreamBatch batch = outcome.batch();
        RuntimeException problem = outcome.failure();
        if (problem == null && !batch.isEmpty()) {
            try {
                consumer.commitSync(toCommit(batch.nextOffsets()));
            } catch (RuntimeException e) {
                problem = e;
            }
        }
        if (problem != null) {
            failed = batch;
            retryLater(problem);
            return;
        }
        written.addAndGet(batch.parsed.size() - batch.refused.size());
        dead.addAndGet(batch.dead.size() + batch.refused.size());
        batches.incrementAndGet();
        lastBatchMillis = outcome.millis();
        if (unavailableSince > 0) {
            LOG.info("pipeline {}: delivery works again after {} s; resuming", pipeline,
                    (System.currentTimeMillis() - unavailableSince) / 1000);
        }
        available();
        afterBatch.run();
    }

    private void available() {
        unavailableSince = 0;
        backoff = Duration.ofSeconds(1);
    }

    private void retryLater(RuntimeException e) {
        if (shuttingDown) {
            LOG.warn("pipeline {}: could not deliver a batch on shutdown ({}); it is read again on the next start",
                    pipeline, e.getMessage());
            return;
        }
        if (unavailableSince == 0) {
            unavailableSince = System.currentTimeMillis();
            LOG.warn("pipeline {}: delivering a batch failed ({}); pausing consumption and retrying", pipeline,
                    e.getMessage());
        }
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** On stop: the write under way ends, a failed batch gets one last try, then what was read is written. */
    void drain() {
        shuttingDown = true;
        if (failed != null) { // then nothing is being written: a failed batch blocks the next
            writer.submit(failed);
            failed = null;
        }
        handle(writer.await());
        if (failed == null && !filling.isEmpty()) {
            submitFilling();
            handle(writer.await());
        }
    }

    /**
     * Partitions handed to another member: everything read from them is written and committed first, if
     * ClickHouse lets us; a pipeline stopped by an error writes and commits nothing more.
     */
    void revoked(Collection<TopicPartition> partitions, boolean stoppedByError) {
        if (stoppedByError) {
            writer.await();
        } else {
            handle(writer.await());
            if (failed == null && !filling.isEmpty() && unavailableSince == 0) {
                submitFilling();
                handle(writer.await());
            }
        }
        drop(partitions, null);
    }

    /** Partitions lost without a hand-over: another member may own them already, so nothing of them is committed. */
    void lost(Collection<TopicPartition> partitions, boolean stoppedByError) {
        BatchWriter.Outcome outcome = writer.await(); // the batch is the writer's until then
        drop(partitions, outcome == null ? null : outcome.batch());
        if (!stoppedByError) {
            handle(outcome);
        }
    }

    private void drop(Collection<TopicPartition> partitions, StreamBatch finished) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        for (StreamBatch batch : new StreamBatch[] {filling, failed, finished}) {
            if (batch != null) {
                batch.dropPartitions(gone);
            }
        }
    }

    long written() {
        return written.get();
    }

    long dead() {
        return dead.get();
    }

    long batches() {
        return batches.get();
    }

    long lastBatchMillis() {
        return lastBatchMillis;
    }

    /** When delivery started failing (epoch ms), or 0 while it works. */
    long unavailableSince() {
        return unavailableSince;
    }

    private static Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        return offsets;
    }
}
