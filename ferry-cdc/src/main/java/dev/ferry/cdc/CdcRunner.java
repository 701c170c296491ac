package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.sync.Endpoints;
import dev.ferry.sync.SourceTables;
import dev.ferry.sync.TableMapping;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Streams a pipeline's tables from the source's change log into ClickHouse with the Debezium embedded
 * engine, in this process: an initial consistent snapshot, then every insert, update and delete.
 * PostgreSQL only for now (pgoutput, a replication slot and publication named {@code ferry_<pipeline>}).
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

    public CdcRunner(FerryConfig config, PipelineConfig pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    /** Creates the target tables and starts streaming in the background. */
    public void start() {
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        if (source.kind() != SourceKind.POSTGRES) {
            throw new FerryException("pipeline '" + pipeline.name() + "': CDC supports PostgreSQL sources so far");
        }
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
        Map<String, TableMapping> tables = prepareTables(source, caps);
        applier = new ChangeApplier(pipeline.name(), clickhouse, tables, deadLetters,
                new BatchLimits(pipeline.batch().rows(), pipeline.batch().bytes()));
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumConfig.postgres(pipeline.name(), source,
                        tables.values().stream().map(t -> t.source().id()).toList(), config.stateDir()))
                .notifying(applier)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new FerryException(message));
                    }
                })
                .build();
        executor.execute(engine);
    }

    private Map<String, TableMapping> prepareTables(JdbcEndpoint source, ServerCapabilities caps) {
        TargetTable.Deletes deletes = caps.replacingIsDeleted() ? TargetTable.Deletes.ENGINE_COLUMN
                : TargetTable.Deletes.COLUMN;
        Map<String, TableMapping> tables = new LinkedHashMap<>();
        for (TableMapping mapped : SourceTables.map(source, pipeline, caps, null)) {
            if (!mapped.keyed()) {
                throw new FerryException("table " + mapped.name() + " has no primary key; CDC needs one to apply "
                        + "updates and deletes (add a key or sync it in snapshot mode)");
            }
            TableMapping cdc = new TableMapping(mapped.source(), mapped.target().withDeletes(deletes),
                    mapped.types(), mapped.encoder(), mapped.keyColumns(), null);
            clickhouse.execute(TableDdl.create(cdc.target()));
            if (deletes == TargetTable.Deletes.COLUMN) {
                clickhouse.execute(TableDdl.currentView(cdc.target()));
            }
            tables.put(mapped.name(), cdc);
        }
        return tables;
    }

    /** Changes applied so far. */
    public long applied() {
        return applier == null ? 0 : applier.applied();
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
