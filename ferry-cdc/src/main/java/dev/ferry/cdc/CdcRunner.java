package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.sync.Endpoints;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import java.io.IOException;
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
    private ToastFiller toast;
    private JdbcEndpoint source;

    public CdcRunner(FerryConfig config, PipelineConfig pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    /** Creates the target tables and starts streaming in the background. */
    public void start() {
        source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        CdcSource cdcSource = CdcSource.of(source.kind());
        String database = pipeline.target().database();
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        ClickHouseCatalog.ensureDatabase(endpoint);
        try {
            // Debezium's file offset store does not create its directory, and without stored offsets a
            // restart would snapshot again and miss the deletes made meanwhile
            java.nio.file.Files.createDirectories(config.stateDir());
        } catch (IOException e) {
            throw new FerryException("cannot create state directory " + config.stateDir() + ": " + e.getMessage(), e);
        }
        clickhouse = new ClickHouseGateway(endpoint);
        ServerCapabilities caps = clickhouse.capabilities();
        DeadLetterTable deadLetters = new DeadLetterTable(clickhouse, database);
        deadLetters.create();
        CdcTables tables = new CdcTables(pipeline, source, clickhouse, caps);
        tables.prepare();
        CdcPreflight.check(pipeline, source, tables.ids());
        toast = new ToastFiller(source);
        applier = new ChangeApplier(pipeline.name(), cdcSource, clickhouse, tables, toast,
                deadLetters, new BatchLimits(pipeline.batch().rows(), pipeline.batch().bytes()));
        Properties properties = DebeziumProperties.common(pipeline.name(), config.stateDir(), pipeline.batch());
        properties.putAll(cdcSource.connector(pipeline.name(), source, new CdcSource.Capture(tables.ids(),
                pipeline.source().includeRegexes(), pipeline.source().excludeRegexes()), config.stateDir()));
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .notifying(applier)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new FerryException(message));
                    }
                })
                .build();
        executor.execute(engine);
    }

    /** Changes applied so far. */
    public long applied() {
        return applier == null ? 0 : applier.applied();
    }

    /** The PostgreSQL replication slot and the WAL it retains; empty for binlog sources. */
    public java.util.Optional<SlotStatus> slot() {
        if (source == null || source.kind() != dev.ferry.jdbc.SourceKind.POSTGRES) {
            return java.util.Optional.empty();
        }
        return SlotStatus.read(source, PostgresCdcSource.slotName(pipeline.name()));
    }

    /** Updates whose unchanged TOAST values were read back from the source. */
    public long toastFilled() {
        return toast == null ? 0 : toast.filledRows();
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
        }
    }
}
