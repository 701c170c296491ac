package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.sync.Endpoints;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.TableMapping;
import dev.ferry.sync.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Streams a pipeline's tables from the source's change log into ClickHouse with the Debezium embedded
 * engine, in this process: an initial consistent snapshot, then every insert, update and delete.
 * PostgreSQL (pgoutput, a replication slot and publication named {@code ferry_<pipeline>}) and MySQL/MariaDB
 * (binlog in ROW format).
 */
public final class CdcRunner implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CdcRunner.class);

    private final FerryConfig config;
    private final PipelineConfig pipeline;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ferry-cdc");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private ClickHouseGateway clickhouse;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ChangeApplier applier;
    private SourceRefill refill;
    private final InitialLoadGate initialLoad = new InitialLoadGate();
    private final ChangeCounts counts = new ChangeCounts();
    private JdbcEndpoint source;
    private KafkaChangePublisher publisher;
    private org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer;
    private InitialSnapshot snapshot;
    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ferry-cdc-snapshot");
        thread.setDaemon(true);
        return thread;
    });

    public CdcRunner(FerryConfig config, PipelineConfig pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    /** Creates the target tables and starts streaming in the background. */
    public void start() {
        source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        CdcSource cdcSource = CdcSource.of(source.kind());
        ConnectionConfig target = config.connections().get(pipeline.target().connection());
        if (target.type() == ConnectionType.KAFKA) {
            startPublishing(cdcSource, target);
            return;
        }
        String database = pipeline.target().database();
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        ClickHouseCatalog.ensureDatabase(endpoint);
        boolean positionStored = positionStored();
        clickhouse = new ClickHouseGateway(endpoint);
        ServerCapabilities caps = clickhouse.capabilities();
        DeadLetterTable deadLetters = new DeadLetterTable(clickhouse, database);
        deadLetters.create();
        CdcTables tables = new CdcTables(pipeline, source, clickhouse, caps, new PipelineSync(config, pipeline),
                counts, initialLoad);
        tables.prepare();
        CdcPreflight.check(pipeline, source, tables.ids());
        List<TableMapping> toLoad = tablesToSnapshot(tables, positionStored);
        refill = new SourceRefill(source);
        applier = new ChangeApplier(pipeline.name(), cdcSource, clickhouse, tables, refill,
                deadLetters, new BatchLimits(pipeline.batch().rows(), pipeline.batch().bytes()), initialLoad, counts);
        Properties properties = DebeziumProperties.common(pipeline.name(), config.stateDir(), pipeline.batch());
        properties.putAll(cdcSource.connector(pipeline.name(), source, new CdcSource.Capture(tables.ids(),
                pipeline.source().includeRegexes(), pipeline.source().excludeRegexes()), config.stateDir()));
        List<String> alwaysRead = tables.alwaysReadColumns();
        if (!alwaysRead.isEmpty()) {
            properties.setProperty("column.exclude.list", String.join(",",
                    alwaysRead.stream().map(java.util.regex.Pattern::quote).toList()));
        }
        startEngine(properties, applier);
        if (!toLoad.isEmpty()) {
            snapshot = new InitialSnapshot(config, pipeline, toLoad,
                    new StreamReadiness(DebeziumProperties.topicPrefix(pipeline.name())), failure::get, counts);
            snapshotThread.execute(() -> {
                try {
                    snapshot.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    initialLoad.open();
                }
            });
        } else {
            initialLoad.open();
        }
    }

    /**
     * Publishes the changes to Kafka instead of ClickHouse (seed 001's PostgreSQL → Debezium → Kafka leg).
     * Debezium's own snapshot feeds the topics first, since Ferry's snapshot writes ClickHouse tables.
     */
    private void startPublishing(CdcSource cdcSource, ConnectionConfig kafka) {
        List<dev.ferry.core.schema.TableId> ids;
        try (java.sql.Connection conn = dev.ferry.jdbc.DataSources.connect(source)) {
            ids = dev.ferry.sync.SourceTables.describe(conn, dev.ferry.jdbc.schema.SourceCatalog.of(source.kind()),
                    pipeline, null).stream().map(dev.ferry.core.schema.TableSpec::id).toList();
        } catch (java.sql.SQLException e) {
            throw new FerryException("cannot read the tables of " + source + ": " + e.getMessage(), e);
        }
        CdcPreflight.check(pipeline, source, ids);
        CdcPreflight.kafkaWarnings(source, ids).forEach(warning -> LOG.warn("pipeline {}: {}", pipeline.name(),
                warning));
        positionStored();
        Properties properties = DebeziumProperties.common(pipeline.name(), config.stateDir(), pipeline.batch());
        properties.putAll(cdcSource.connector(pipeline.name(), source, new CdcSource.Capture(ids,
                pipeline.source().includeRegexes(), pipeline.source().excludeRegexes()), config.stateDir()));
        properties.setProperty("snapshot.mode", "initial");
        // epoch milliseconds for timestamps: what a stream pipeline's timestamp columns read
        properties.setProperty("time.precision.mode", "connect");
        Properties producerSettings = new Properties();
        producerSettings.putAll(dev.ferry.core.config.KafkaClientSettings.reliableProducer(kafka));
        producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerSettings);
        String prefix = pipeline.target().tablePrefix().isEmpty() ? pipeline.name() + "."
                : pipeline.target().tablePrefix();
        publisher = new KafkaChangePublisher(cdcSource, prefix, producer);
        startEngine(properties, publisher);
    }

    /** Runs the embedded engine in the background; its failure is kept for {@link #failure()}. */
    private void startEngine(Properties properties,
            DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer) {
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .notifying(consumer)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, CdcFailures.explain(error != null ? error
                                : new FerryException(message), pipeline.name()));
                    }
                })
                .build();
        executor.execute(engine);
    }

    /** Whether Debezium has a stored position to resume from; creates the state directory it needs. */
    private boolean positionStored() {
        Path offsets = config.stateDir().resolve(pipeline.name() + ".offsets");
        try {
            // Debezium's file offset store does not create its directory; offsets and schema history tell where
            // data is and what it looks like: the owner's alone (Debezium makes its files with the umask's modes)
            dev.ferry.core.files.OwnerOnly.createDirectories(config.stateDir());
            dev.ferry.core.files.OwnerOnly.restrictTree(config.stateDir());
            if (!Files.exists(offsets) || Files.size(offsets) == 0) {
                return false;
            }
            // Debezium reads an unreadable file as "no offsets" and would stream from the current position;
            // Ferry must then load everything again instead of trusting a position it does not have
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(offsets))) {
                in.readObject();
                return true;
            } catch (java.io.IOException | ClassNotFoundException e) {
                Files.move(offsets, offsets.resolveSibling(offsets.getFileName() + ".unreadable"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return false;
            }
        } catch (IOException e) {
            throw new FerryException("cannot use state directory " + config.stateDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tables whose initial snapshot is still to do. Without a stored stream position the stream starts
     * at the source's current position, so everything written before is void: targets are emptied and
     * every table is loaded again. This happens before the stream starts, so no streamed change is lost.
     */
    private List<TableMapping> tablesToSnapshot(CdcTables tables, boolean positionStored) {
        List<TableMapping> all = List.copyOf(tables.all());
        if (!positionStored) {
            for (TableMapping table : all) {
                clickhouse.execute("TRUNCATE TABLE " + table.target().qualifiedName());
            }
            StateStore state = StateStore.open(config.stateDir(), pipeline.name());
            all.forEach(table -> state.remove(table.name()));
            all.forEach(tables::alignForLoad);
            return all;
        }
        PipelineSync sync = new PipelineSync(config, pipeline);
        List<TableMapping> toLoad = all.stream().filter(t -> !sync.snapshotsDone(List.of(t))).toList();
        toLoad.forEach(tables::alignForLoad);
        return toLoad;
    }

    /** Rows the initial snapshot has written so far. */
    public long snapshotRows() {
        return snapshot == null ? 0 : snapshot.rows();
    }

    /** Whether the initial snapshot is finished (or was not needed). */
    public boolean snapshotDone() {
        return snapshot == null || snapshot.done();
    }

    /** Changes applied so far. */
    public long applied() {
        if (publisher != null) {
            return publisher.published();
        }
        return applier == null ? 0 : applier.applied();
    }

    /** The PostgreSQL replication slot and the WAL it retains; empty for binlog sources. */
    public java.util.Optional<SlotStatus> slot() {
        if (source == null || source.kind() != dev.ferry.jdbc.SourceKind.POSTGRES) {
            return java.util.Optional.empty();
        }
        return SlotStatus.read(source, PostgresCdcSource.slotName(pipeline.name()));
    }

    /**
     * Changes whose missing values (unchanged TOAST values, unpublished generated columns, columns of an older
     * shape of the table) were read back from the source.
     */
    public long refilled() {
        return refill == null ? 0 : refill.filledRows();
    }

    /** Applied changes, dead letters, truncates and ignored changes per source table. */
    public ChangeCounts counts() {
        return counts;
    }

    /** Milliseconds from source commit to ClickHouse for the newest change of the last applied batch. */
    public long lagMillis() {
        return applier == null ? 0 : applier.lastLagMillis();
    }

    /** Lag distribution of everything applied so far (for benchmarks and status). */
    public LagHistogram lag() {
        return applier == null ? new LagHistogram() : applier.lag();
    }

    /** The error that stopped the engine, if any. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops streaming; Debezium commits the offsets of what was applied. */
    @Override
    public void close() {
        // the snapshot stops first: a change applier waiting for it (a TRUNCATE) must not hold up the stop
        snapshotThread.shutdownNow();
        initialLoad.open();
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: the engine already stopped on its own (its failure is recorded)
            failure.compareAndSet(null, e);
        } finally {
            executor.shutdown();
            try {
                executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (clickhouse != null) {
                clickhouse.close();
            }
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(10));
            }
        }
    }
}
