package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.StreamConfig;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.sync.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code mode: stream} pipeline: consumes its topics in a consumer group, turns each message into a
 * row or a dead letter, and writes them to ClickHouse in batches.
 *
 * <p>Delivery: offsets are committed to Kafka only after every table took the batch. A batch written but not
 * committed (a crash, a lost partition) is read again, and each table skips the messages it already has
 * ({@link WrittenOffsets}), so each table holds each message exactly once.
 *
 * <p>A batch is written by a {@link BatchWriter} while the next one is read and parsed; the next is handed
 * over only after the previous one is written and committed, so offsets are committed in order. When the
 * next batch is full before the writer is done, the consumer pauses its partitions (polling on, to keep its
 * group membership): memory holds at most two batches, plus the messages of one poll. When ClickHouse refuses writes, the consumer pauses,
 * retries the same batch with growing pauses and resumes when it is written; nothing is lost.
 */
public final class StreamRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Poll timeout while a batch is being written, so that its end is noticed at once. */
    private static final Duration WAIT_FOR_WRITER = Duration.ofMillis(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final dev.ferry.core.retry.RetryPolicy ASSIGNMENT_RETRY = new dev.ferry.core.retry.RetryPolicy(10,
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final FerryConfig config;
    /** Not final: a {@code columns: auto} stream gets its columns when it starts. */
    private PipelineConfig pipeline;
    private StreamConfig stream;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long lastBatchMillis;
    private volatile long unavailableSince;
    private Thread thread;
    private ClickHouseGateway clickhouse;
    private KafkaConsumer<byte[], byte[]> consumer;
    /** Volatile for {@link #stats()}, read from other threads. */
    private volatile MessageRouter router;
    private BatchWriter writer;
    private DeadLetterTopic deadLetterTopic;
    private StreamTables.Table parsedTable;
    private StreamTables.Table rawTable;
    private StreamTables.Table deadTable;
    /** The batch being read; handed to the writer when due and the writer is free. */
    private StreamBatch filling = new StreamBatch();
    /** A batch whose write or commit failed, waiting for its next attempt at {@link #nextAttemptNanos}. */
    private StreamBatch failed;
    private boolean shuttingDown;
    private Duration backoff = Duration.ofSeconds(1);
    private long nextAttemptNanos;

    public StreamRunner(FerryConfig config, PipelineConfig pipeline) {
        if (pipeline.stream() == null) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is not a stream pipeline (mode: stream)");
        }
        this.config = config;
        this.pipeline = pipeline;
        this.stream = pipeline.stream();
    }

    /** Creates the tables and starts consuming in the background. */
    public void start() {
        String database = pipeline.target().database();
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        ClickHouseCatalog.ensureDatabase(endpoint);
        clickhouse = new ClickHouseGateway(endpoint);
        ServerCapabilities caps = clickhouse.capabilities();
        boolean inferring = stream.inferColumns();
        if (inferring) {
            useColumns(StreamSchema.existing(clickhouse, database, targetTableName())
                    .orElseGet(() -> StreamSchema.sample(stream, consumerProperties(), caps.dateTime64(), stopping::get)));
        }
        parsedTable = StreamTables.parsed(pipeline, caps);
        rawTable = stream.rawTable() == null ? null : StreamTables.raw(pipeline, caps);
        deadTable = StreamTables.deadLetters(database, caps);
        for (StreamTables.Table table : new StreamTables.Table[] {parsedTable, rawTable, deadTable}) {
            if (table != null) {
                clickhouse.execute(TableDdl.create(table.target()));
            }
        }
        if (inferring) {
            // another worker may have created the table first from its own sample: the table decides
            List<dev.ferry.core.config.StreamColumn> inTable = StreamSchema.existing(clickhouse, database,
                    targetTableName()).orElseThrow();
            if (!inTable.equals(stream.columns())) {
                useColumns(inTable);
                parsedTable = StreamTables.parsed(pipeline, caps);
            }
        }
        if (parsedTable.target().deletes() == dev.ferry.clickhouse.table.TargetTable.Deletes.COLUMN) {
            clickhouse.execute(TableDdl.currentView(parsedTable.target())); // current rows on servers before 23.2
        }
        List<ColumnSpec> streamColumns = StreamTables.columns(pipeline, caps);
        List<Enricher> enrichers = new ArrayList<>();
        for (var enrichment : stream.enrich()) {
            int key = streamColumns.stream().map(ColumnSpec::name).toList().indexOf(enrichment.key());
            enrichers.add(new Enricher(clickhouse, enrichment, key));
        }
        router = new MessageRouter(pipeline.name(), MessageParser.of(stream), streamColumns, enrichers,
                rawTable != null, caps.dateTime64());
        deadLetterTopic = new DeadLetterTopic(stream.deadLetterTopic(),
                config.connections().get(pipeline.source().connection()));
        writer = new BatchWriter(pipeline.name(),
                new StreamSink(pipeline.name(), clickhouse, parsedTable, rawTable, deadTable), deadLetterTopic);
        try {
            consumer = new KafkaConsumer<>(consumerProperties());
        } catch (RuntimeException e) {
            writer.close();
            deadLetterTopic.close();
            throw e;
        }
        thread = new Thread(this::run, "ferry-stream-" + pipeline.name());
        thread.start();
    }

    private void useColumns(List<dev.ferry.core.config.StreamColumn> columns) {
        stream = stream.withColumns(columns);
        pipeline = pipeline.withStream(stream);
    }

    private String targetTableName() {
        return pipeline.target().tablePrefix() + stream.table();
    }

    private Properties consumerProperties() {
        ConnectionConfig kafka = config.connections().get(pipeline.source().connection());
        Properties p = new Properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, stream.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ferry-" + pipeline.name() + "-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, stream.startAtEarliest() ? "earliest" : "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(pipeline.batch().rows(), 10_000)));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putAll(dev.ferry.core.config.KafkaClientSettings.of(kafka));
        return p;
    }

    private void run() {
        try {
            Rebalance rebalance = new Rebalance();
            if (stream.topicPattern() != null) {
                consumer.subscribe(Pattern.compile(stream.topicPattern()), rebalance);
            } else {
                consumer.subscribe(stream.topics(), rebalance);
            }
            while (!stopping.get()) {
                handle(writer.finished());
                if (failed != null && failed.isEmpty()) {
                    failed = null; // its partitions went to other workers in a rebalance: nothing left to retry
                    available();
                }
                handOver();
                holdOrRelease();
                // while a write is under way, look back at it soon: its end lets the next batch go
                read(consumer.poll(writer.busy() ? WAIT_FOR_WRITER : POLL));
            }
            drain();
        } catch (WakeupException e) {
            if (!stopping.get()) {
                failure.compareAndSet(null, e);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            LOG.error("pipeline {}: stream stopped: {}", pipeline.name(), e.getMessage());
        } finally {
            // the consumer first: leaving the group runs the rebalance callbacks, which use the writer
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                LOG.warn("pipeline {}: leaving the consumer group: {}", pipeline.name(), e.getMessage());
            } finally {
                writer.close();
                deadLetterTopic.close();
            }
        }
    }

    private void read(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> messages = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> record : messages) {
                router.add(tp, record, filling);
            }
            filling.next.put(tp, messages.getLast().offset() + 1);
        }
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
                || System.nanoTime() - filling.startedNanos >= pipeline.batch().interval().toNanos())) {
            writer.submit(filling);
            filling = new StreamBatch();
        }
    }

    private boolean full(StreamBatch batch) {
        return batch.messages >= pipeline.batch().rows() || batch.bytes >= pipeline.batch().bytes();
    }

    /** Consumption waits while ClickHouse refuses writes, or while a full batch waits for the writer. */
    private boolean holding() {
        return unavailableSince > 0 || failed != null || writer.busy() && full(filling);
    }

    private void holdOrRelease() {
        if (holding()) {
            if (consumer.paused().size() < consumer.assignment().size()) {
                consumer.pause(consumer.assignment());
            }
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
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
            LOG.info("pipeline {}: delivery works again after {} s; resuming", pipeline.name(),
                    (System.currentTimeMillis() - unavailableSince) / 1000);
        }
        available();
        runAfterBatch();
    }

    private void available() {
        unavailableSince = 0;
        backoff = Duration.ofSeconds(1);
    }

    private void retryLater(RuntimeException e) {
        if (shuttingDown) {
            LOG.warn("pipeline {}: could not deliver a batch on shutdown ({}); it is read again on the next start",
                    pipeline.name(), e.getMessage());
            return;
        }
        if (unavailableSince == 0) {
            unavailableSince = System.currentTimeMillis();
            LOG.warn("pipeline {}: delivering a batch failed ({}); pausing consumption and retrying",
                    pipeline.name(), e.getMessage());
        }
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** On stop: the write under way ends, a failed batch gets one last try, then what was read is written. */
    private void drain() {
        shuttingDown = true;
        if (failed != null) { // then nothing is being written: a failed batch blocks the next
            writer.submit(failed);
            failed = null;
        }
        handle(writer.await());
        if (failed == null && !filling.isEmpty()) {
            writer.submit(filling);
            filling = new StreamBatch();
            handle(writer.await());
        }
    }

    /**
     * The pipeline's follow-up statements (seed 002's datamarts). They run after the batch is committed, so
     * a failure cannot make its messages come again; it stops the pipeline, as it is a mistake to fix.
     */
    private void runAfterBatch() {
        List<String> statements = stream.afterBatch();
        for (int i = 0; i < statements.size(); i++) {
            try {
                clickhouse.execute(statements.get(i));
            } catch (RuntimeException e) {
                throw new FerryException("pipeline '" + pipeline.name() + "': target.after_batch[" + i + "] failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        return offsets;
    }

    /** Keeps the batches and the skip lists right as partitions come and go. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (failure.get() != null) {
                // the pipeline stopped on an error and is leaving the group: write and commit nothing more
                writer.await();
                forget(partitions, null);
                return;
            }
            // hand over with everything written and committed, if ClickHouse lets us
            handle(writer.await());
            if (failed == null && !filling.isEmpty() && unavailableSince == 0) {
                writer.submit(filling);
                filling = new StreamBatch();
                handle(writer.await());
            }
            forget(partitions, null);
        }

        /** Lost (not handed over): another member may own them already, so nothing of them is committed. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            BatchWriter.Outcome outcome = writer.await(); // the batch is the writer's until then
            forget(partitions, outcome == null ? null : outcome.batch());
            if (failure.get() == null) {
                handle(outcome);
            }
        }

        private void forget(Collection<TopicPartition> partitions, StreamBatch finished) {
            Set<TopicPartition> gone = new HashSet<>(partitions);
            for (StreamBatch batch : new StreamBatch[] {filling, failed, finished}) {
                if (batch != null) {
                    batch.dropPartitions(gone);
                }
            }
            router.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                from.put(tp, offset != null ? offset.offset() : consumer.position(tp));
            }
            // without knowing what is written, consuming could double it: wait for ClickHouse (within the
            // group's max.poll.interval.ms; past that the group gives the partitions to someone else)
            ASSIGNMENT_RETRY.run("reading which messages of " + partitions + " are in ClickHouse",
                    () -> router.learnWritten(clickhouse, parsedTable, rawTable, deadTable, from), e -> true);
            if (holding()) {
                consumer.pause(partitions);
            }
            LOG.info("pipeline {}: consuming {}", pipeline.name(), partitions);
        }
    }

    public StreamStats stats() {
        MessageRouter counted = router;
        return new StreamStats(counted == null ? 0 : counted.consumed(), written.get(), dead.get(),
                counted == null ? 0 : counted.skipped(), batches.get(),
                lastBatchMillis, unavailableSince);
    }

    /** The error that stopped the pipeline, if any. */
    public Throwable failure() {
        return failure.get();
    }

    /** Writes what is pending, commits, and leaves the group. */
    @Override
    public void close() {
        stopping.set(true);
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (clickhouse != null) {
            clickhouse.close();
        }
    }
}
