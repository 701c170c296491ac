package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.state.TableState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one pipeline: decides per table between a (resumed) snapshot and an incremental run, and runs
 * them with the pipeline's parallelism. The CLI, the orchestrator and tests all sync through this class.
 */
public final class PipelineSync {

    private final FerryConfig config;
    private final PipelineConfig pipeline;

    public PipelineSync(FerryConfig config, PipelineConfig pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    public SyncReport run(SyncOptions options, SyncListener listener) {
        if (pipeline.mode() == SyncMode.CDC) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is in cdc mode; run it with: ferry cdc --config "
                    + config.file() + " --pipeline " + pipeline.name());
        }
        Instant started = Instant.now();
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        SourceSql sql = new SourceSql(source.kind());
        String database = pipeline.target().database();
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        ClickHouseCatalog.ensureDatabase(endpoint);
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(endpoint)) {
            ServerCapabilities caps = clickhouse.capabilities();
            DeadLetterTable deadLetters = new DeadLetterTable(clickhouse, database);
            deadLetters.create();
            StateStore state = StateStore.open(config.stateDir(), pipeline.name());
            SyncContext ctx = new SyncContext(pipeline, source, sql, clickhouse, caps, deadLetters, state, listener,
                    RetryPolicy.DEFAULT);
            List<TableMapping> tables = SourceTables.map(source, pipeline, caps, options.table());
            List<TableMapping> snapshots = new ArrayList<>();
            List<TableMapping> incrementals = new ArrayList<>();
            for (TableMapping table : tables) {
                TableState current = state.get(table.name()).orElse(null);
                boolean continueIncrementally = pipeline.mode() == SyncMode.INCREMENTAL && !options.full()
                        && current != null && !current.snapshotInProgress();
                (continueIncrementally ? incrementals : snapshots).add(table);
            }
            List<TableReport> reports = new ArrayList<>();
            try (TableRunner runner = new TableRunner(ctx)) {
                reports.addAll(runner.snapshots(snapshots, options.full()));
                reports.addAll(runner.incrementals(incrementals));
            }
            return new SyncReport(pipeline.name(), reports, Duration.between(started, Instant.now()));
        }
    }
}
