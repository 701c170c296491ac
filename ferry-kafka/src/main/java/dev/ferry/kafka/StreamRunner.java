package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.write.TombstoneRow;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.StreamConfig;
import dev.ferry.sync.Endpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * ({@link WrittenOffsets}), so each table holds each message exactly once. When ClickHouse refuses writes,
 * the consumer pauses, keeps its group membership by polling, retries the same batch with growing pauses and
 * resumes when it is written: memory stays bounded by one batch and nothing is lost.
 */
public final class StreamRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final dev.ferry.core.retry.RetryPolicy ASSIGNMENT_RETRY = new dev.ferry.core.retry.RetryPolicy(10,
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final FerryConfig config;
    /** Not final: a {@code columns: auto} stream gets its columns when it starts. */
    private PipelineConfig pipeline;
    private StreamConfig stream;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long lastBatchMillis;
    private volatile long unavailableSince;
    private Thread thread;
    private ClickHouseGateway clickhouse;
    private KafkaConsumer<byte[], byte[]> consumer;
    private MessageParser parser;
    private StreamSink sink;
    private DeadLetterTopic deadLetterTopic;
    private StreamTables.Table parsedTable;
    private StreamTables.Table rawTable;
    private StreamTables.Table deadTable;
    /** Servers without DateTime64 keep Kafka timestamps to the second. */
    private boolean millisecondTimestamps;
    private java.util.List<dev.ferry.core.schema.ColumnSpec> streamColumns;
    private final List<Enricher> enrichers = new java.util.ArrayList<>();
    private final WrittenOffsets parsedWritten = new WrittenOffsets();
    private final WrittenOffsets rawWritten = new WrittenOffsets();
    private final WrittenOffsets deadWritten = new WrittenOffsets();
    private StreamBatch batch = new StreamBatch();
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
        millisecondTimestamps = caps.dateTime64();
        boolean inferring = stream.inferColumns();
        if (inferring) {
            useColumns(StreamSchema.existing(clickhouse, database, targetTableName())
                    .orElseGet(() -> StreamSchema.sample(stream, consumerProperties(), caps.dateTime64(), stopping::get)));
        }
        streamColumns = StreamTables.columns(pipeline, caps);
        for (var enrichment : stream.enrich()) {
            int key = streamColumns.stream().map(c -> c.name()).toList().indexOf(enrichment.key());
            enrichers.add(new Enricher(clickhouse, enrichment, key));
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
                streamColumns = StreamTables.columns(pipeline, caps);
                parsedTable = StreamTables.parsed(pipeline, caps);
            }
        }
        if (parsedTable.target().deletes() == dev.ferry.clickhouse.table.TargetTable.Deletes.COLUMN) {
            clickhouse.execute(TableDdl.currentView(parsedTable.target())); // current rows on servers before 23.2
        }
        parser = MessageParser.of(stream);
        sink = new StreamSink(pipeline.name(), clickhouse, parsedTable, rawTable, deadTable);
        deadLetterTopic = new DeadLetterTopic(stream.deadLetterTopic(),
                config.connections().get(pipeline.source().connection()));
        try {
            consumer = new KafkaConsumer<>(consumerProperties());
        } catch (RuntimeException e) {
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
                if (unavailableSince > 0 && batch.isEmpty()) {
                    // the pending batch went to other workers in a rebalance: nothing left to retry
                    unavailableSince = 0;
                    backoff = Duration.ofSeconds(1);
                    consumer.resume(consumer.paused());
                }
                var records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    add(record);
                }
                if (due()) {
                    flush(false);
                }
            }
            flush(true);
        } catch (WakeupException e) {
            if (!stopping.get()) {
                failure.compareAndSet(null, e);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            LOG.error("pipeline {}: stream stopped: {}", pipeline.name(), e.getMessage());
        } finally {
            deadLetterTopic.close();
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    /** Whether the batch should be written now: full, or old enough, and no failed write is waiting. */
    private boolean due() {
        if (batch.isEmpty()) {
            return false;
        }
        if (unavailableSince > 0) {
            return System.nanoTime() >= nextAttemptNanos;
        }
        return batch.messages >= pipeline.batch().rows() || batch.bytes >= pipeline.batch().bytes()
                || System.nanoTime() - batch.startedNanos >= pipeline.batch().interval().toNanos();
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        consumed.incrementAndGet();
        batch.messages++;
        batch.bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
        batch.next.put(tp, record.offset() + 1);
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        Object[] coordinates = {record.topic(), (long) record.partition(), record.offset(),
                millisecondTimestamps ? timestamp : timestamp.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)};
        if (rawTable != null && !rawWritten.contains(tp, record.offset())) {
            batch.addRaw(tp, concat(coordinates, keyText(record), payloadText(record)));
        }
        if (parsedWritten.contains(tp, record.offset()) || deadWritten.contains(tp, record.offset())) {
            // written before, as a row or a dead letter (also one ClickHouse refused after parsing)
            skipped.incrementAndGet();
            return;
        }
        try {
            Object[] row = parser.parse(record.value());
            boolean delete = parser.lastWasDelete();
            Object[] values;
            if (delete) {
                // a delete's image may carry only the key: the other columns get placeholders of their type
                values = TombstoneRow.fill(java.util.Arrays.copyOf(row, streamColumns.size()), streamColumns);
            } else {
                values = row;
                for (Enricher enricher : enrichers) {
                    values = enricher.apply(values);
                }
            }
            batch.addParsed(tp, concat(values, coordinates), delete);
        } catch (BadMessageException e) {
            batch.addDead(tp, StreamSink.deadRow(pipeline.name(), coordinates[0], coordinates[1], coordinates[2],
                    coordinates[3], keyText(record), payloadText(record), e.getMessage()));
        }
    }

    /** Key and payload as text are needed only for the raw table and dead letters: made only then. */
    private static String keyText(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String payloadText(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    }

    private static Object[] concat(Object[] first, Object... more) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * Writes and commits the batch. On failure the consumer pauses and the same batch is tried again later
     * (or, when stopping, the offsets stay uncommitted and the next start reads the messages again).
     */
    private void flush(boolean stoppingNow) {
        if (batch.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int refused;
        try {
            refused = sink.write(batch);
            deadLetterTopic.publish(batch);
            consumer.commitSync(toCommit(batch.nextOffsets()));
        } catch (RuntimeException e) {
            retryLater(e, stoppingNow);
            return;
        }
        written.addAndGet(batch.parsed.size() - refused);
        dead.addAndGet(batch.dead.size() + refused);
        batches.incrementAndGet();
        lastBatchMillis = (System.nanoTime() - started) / 1_000_000;
        batch = new StreamBatch();
        if (unavailableSince > 0) {
            LOG.info("pipeline {}: ClickHouse accepts writes again after {} s; resuming", pipeline.name(),
                    (System.currentTimeMillis() - unavailableSince) / 1000);
            unavailableSince = 0;
            backoff = Duration.ofSeconds(1);
            consumer.resume(consumer.paused());
        }
        runAfterBatch();
    }

    private void retryLater(RuntimeException e, boolean stoppingNow) {
        if (stoppingNow) {
            LOG.warn("pipeline {}: could not write the last batch on shutdown ({}); it is read again on the next "
                    + "start", pipeline.name(), e.getMessage());
            return;
        }
        if (unavailableSince == 0) {
            unavailableSince = System.currentTimeMillis();
            LOG.warn("pipeline {}: delivering a batch failed ({}); pausing consumption and retrying",
                    pipeline.name(), e.getMessage());
        }
        consumer.pause(consumer.assignment());
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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

    /** Keeps the batch and the skip lists right as partitions come and go. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!batch.isEmpty() && unavailableSince == 0) {
                flush(false); // hand over with everything written and committed, if ClickHouse lets us
            }
            forget(partitions);
        }

        /** Lost (not handed over): another member may own them already, so nothing of them is written. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            batch.dropPartitions(new HashSet<>(partitions));
            partitions.forEach(tp -> {
                parsedWritten.forget(tp);
                rawWritten.forget(tp);
                deadWritten.forget(tp);
            });
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
            ASSIGNMENT_RETRY.run("reading which messages of " + partitions + " are in ClickHouse", () -> {
                parsedWritten.addAll(WrittenOffsets.read(clickhouse, parsedTable.target().qualifiedName(), null,
                        from));
                if (rawTable != null) {
                    rawWritten.addAll(WrittenOffsets.read(clickhouse, rawTable.target().qualifiedName(), null, from));
                }
                deadWritten.addAll(WrittenOffsets.read(clickhouse, deadTable.target().qualifiedName(),
                        "pipeline = " + ClickHouseGateway.quoteString(pipeline.name()), from));
            }, e -> true);
            if (unavailableSince > 0) {
                consumer.pause(partitions);
            }
            LOG.info("pipeline {}: consuming {}", pipeline.name(), partitions);
        }
    }

    public StreamStats stats() {
        return new StreamStats(consumed.get(), written.get(), dead.get(), skipped.get(), batches.get(),
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
