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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
 * <p>A batch is written by a {@link BatchWriter} while the next one is read and parsed ({@link StreamDelivery}
 * decides what goes when). When the next batch is full before the writer is done, the consumer pauses its
 * partitions (polling on, to keep its group membership): memory holds at most two batches, plus the
 * messages of one poll. When ClickHouse refuses writes, the consumer pauses, retries the same batch with
 * growing pauses and resumes when it is written; nothing is lost.
 */
public final class StreamRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Poll timeout while a batch is being written, so that its end is noticed at once. */
    private static final Duration WAIT_FOR_WRITER = Duration.ofMillis(5);
    private static final dev.ferry.core.retry.RetryPolicy ASSIGNMENT_RETRY = new dev.ferry.core.retry.RetryPolicy(10,
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final FerryConfig config;
    /** Not final: a {@code columns: auto} stream gets its columns when it starts. */
    private PipelineConfig pipeline;
    private StreamConfig stream;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;
    private ClickHouseGateway clickhouse;
    private KafkaConsumer<byte[], byte[]> consumer;
    /** Volatile for {@link #stats()}, read from other threads. */
    private volatile MessageRouter router;
    private BatchWriter writer;
    /** Volatile for {@link #stats()}, read from other threads. */
    private volatile StreamDelivery delivery;
    private DeadLetterTopic deadLetterTopic;
    private StreamTables.Table parsedTable;
    private StreamTables.Table rawTable;
    private StreamTables.Table deadTable;
    /** Set by the caller ({@code ferry stream --worker-id}), else numbered by {@link GroupMembership}. */
    private final String workerId;
    /** Volatile for {@link #partitionWait()}, read from other threads. */
    private volatile GroupMembership membership;

    public StreamRunner(FerryConfig config, PipelineConfig pipeline) {
        this(config, pipeline, null);
    }

    /**
     * @param workerId this worker's name in the consumer group, stable across its restarts (Kafka static
     *     membership); null to number the workers of this machine by lock files under the state directory
     */
    public StreamRunner(FerryConfig config, PipelineConfig pipeline, String workerId) {
        if (pipeline.stream() == null) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is not a stream pipeline (mode: stream)");
        }
        this.config = config;
        this.pipeline = pipeline;
        this.stream = pipeline.stream();
        this.workerId = workerId;
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
            Properties properties = consumerProperties();
            membership = GroupMembership.join(config.stateDir(), pipeline.name(), stream.group(), workerId, properties);
            consumer = new KafkaConsumer<>(properties);
        } catch (RuntimeException e) {
            writer.close();
            deadLetterTopic.close();
            if (membership != null) {
                membership.close();
            }
            throw e;
        }
        delivery = new StreamDelivery(pipeline.name(), pipeline.batch(), consumer, writer, this::runAfterBatch);
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
                delivery.advance();
                // while a write is under way, look back at it soon: its end lets the next batch go
                delivery.read(consumer.poll(delivery.writing() ? WAIT_FOR_WRITER : POLL), router);
            }
            delivery.drain();
        } catch (WakeupException e) {
            if (!stopping.get()) {
                failure.compareAndSet(null, e);
            }
        } catch (org.apache.kafka.common.errors.FencedInstanceIdException e) {
            failure.compareAndSet(null, new FerryException("pipeline '" + pipeline.name() + "': another worker joined "
                    + "group " + stream.group() + " as " + membership.instanceId() + " and took this worker's place; give each "
                    + "worker its own --worker-id", e));
            LOG.error("pipeline {}: stream stopped: {}", pipeline.name(), failure.get().getMessage());
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            LOG.error("pipeline {}: stream stopped: {}", pipeline.name(), e.getMessage());
        } finally {
            // the consumer first: leaving the group runs the rebalance callbacks, which use the writer
            try {
                // a static member stays in its group on close unless told otherwise: leaving lets the other
                // workers take its partitions at once on a deliberate stop (a kill is what static membership is for)
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10))
                        .withGroupMembershipOperation(
                                org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            } catch (RuntimeException e) {
                LOG.warn("pipeline {}: leaving the consumer group: {}", pipeline.name(), e.getMessage());
            } finally {
                writer.close();
                deadLetterTopic.close();
            }
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

    /** Keeps the batches and the skip lists right as partitions come and go. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            delivery.revoked(partitions, failure.get() != null);
            router.forget(partitions);
            membership.gone(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            delivery.lost(partitions, failure.get() != null);
            router.forget(partitions);
            membership.gone(partitions);
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
            if (delivery.holding()) {
                consumer.pause(partitions);
            }
            membership.assigned(partitions);
            LOG.info("pipeline {}: consuming {}", pipeline.name(), partitions);
        }
    }

    public StreamStats stats() {
        MessageRouter counted = router;
        StreamDelivery delivered = delivery;
        if (counted == null || delivered == null) {
            return new StreamStats(0, 0, 0, 0, 0, 0, 0);
        }
        return new StreamStats(counted.consumed(), delivered.written(), delivered.dead(), counted.skipped(),
                delivered.batches(), delivered.lastBatchMillis(), delivered.unavailableSince());
    }

    /**
     * Why this worker consumes nothing, when it owns no partition: what it waits for, in words for the
     * terminal. Empty while it owns partitions.
     */
    public java.util.Optional<String> partitionWait() {
        GroupMembership member = membership;
        return member == null || thread == null ? java.util.Optional.empty() : member.partitionWait();
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
        if (membership != null) {
            membership.close(); // after the consumer left the group: the next worker may take this name
        }
    }
}
