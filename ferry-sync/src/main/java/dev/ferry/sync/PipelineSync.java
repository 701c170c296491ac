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
import dev.ferry.core.schema.TableSpec;
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
        if (pipeline.mode() == SyncMode.STREAM) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is a stream pipeline; run it with: ferry stream "
                    + "--config " + config.file() + " --pipeline " + pipeline.name());
        }
        if (pipeline.mode() == SyncMode.CDC) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is in cdc mode; run it with: ferry cdc --config "
                    + config.file() + " --pipeline " + pipeline.name());
        }
        Instant started = Instant.now();
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        String database = pipeline.target().database();
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        ClickHouseCatalog.ensureDatabase(endpoint);
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(endpoint)) {
            SyncContext ctx = context(source, clickhouse, listener);
            StateStore state = ctx.state();
            // an incremental run writes into the target as it is; a snapshot builds a new one (TypeChoice)
            TableMapper incremental = new TableMapper(pipeline, ctx.caps(), TypeChoice.followTarget(source, clickhouse));
            TableMapper snapshot = new TableMapper(pipeline, ctx.caps(),
                    TypeChoice.forSnapshot(source, clickhouse, options.full()));
            List<TableMapping> snapshots = new ArrayList<>();
            List<TableMapping> incrementals = new ArrayList<>();
            for (TableSpec spec : SourceTables.describe(source, pipeline, options.table())) {
                TableState current = state.get(spec.id().qualified()).orElse(null);
                boolean continueIncrementally = pipeline.mode() == SyncMode.INCREMENTAL && !options.full()
                        && current != null && !current.snapshotInProgress();
                TableMapping next = continueIncrementally ? incremental.map(spec) : null;
                List<String> filled = next == null ? List.of() : NewColumnValues.find(source, clickhouse, next,
                        CursorWindow.of(CursorReader.cursorColumn(next), pipeline.rulesFor(spec.id()), next.name()),
                        current.cursorValue());
                if (!filled.isEmpty()) {
                    listener.warning(spec.id().qualified(), "new columns " + filled + " already hold values in rows "
                            + "an incremental run would not read again (a DEFAULT, a generated column or a rename): "
                            + "loading the table again by a snapshot this run");
                    next = null;
                }
                if (next != null) {
                    incrementals.add(next);
                } else {
                    snapshots.add(snapshot.map(spec));
                }
            }
            List<TableReport> reports = new ArrayList<>();
            try (TableRunner runner = new TableRunner(ctx)) {
                reports.addAll(runner.snapshots(snapshots, options.full()));
                reports.addAll(runner.incrementals(incrementals));
            }
            return new SyncReport(pipeline.name(), reports, Duration.between(started, Instant.now()));
        }
    }

    /**
     * The initial snapshot of a CDC pipeline: the given tables' rows, read in parallel chunks, written into
     * their existing targets at version 0 while changes stream in. Finished chunks are recorded in the
     * pipeline's state, so a killed snapshot continues where it stopped unless {@code restart} is set.
     *
     * @return the tables that were loaded
     */
    public SyncReport snapshotIntoLiveTargets(List<TableMapping> tables, boolean restart, SyncListener listener) {
        return snapshotIntoLiveTargets(tables, restart, 0, listener);
    }

    /**
     * Re-reads the given tables into their live (CDC) targets at {@code version}: what a CDC pipeline does when
     * rows changed at the source without change events (a column added with a default). Streamed changes
     * before {@code version} lose to these rows, later ones win. Resumable like the initial snapshot.
     */
    public SyncReport snapshotIntoLiveTargets(List<TableMapping> tables, boolean restart, long version,
            SyncListener listener) {
        Instant started = Instant.now();
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()),
                pipeline.target().database());
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(endpoint);
                TableRunner runner = new TableRunner(context(source, clickhouse, listener))) {
            List<TableReport> reports = runner.snapshots(tables, restart, true, version);
            return new SyncReport(pipeline.name(), reports, Duration.between(started, Instant.now()));
        }
    }

    /**
     * Records that {@code table} must be re-read into its live target at {@code version} before anything else
     * changes it (written before the change that makes it necessary, so a crash in between resumes the load).
     */
    public void markLiveReload(TableMapping table, long version) {
        StateStore.open(config.stateDir(), pipeline.name()).put(table.name(), new TableState(TableState.SNAPSHOT,
                version, table.target().name(), List.of(), null, false, null));
    }

    /** Whether every one of the tables has a finished snapshot in the pipeline's state. */
    public boolean snapshotsDone(List<TableMapping> tables) {
        StateStore state = StateStore.open(config.stateDir(), pipeline.name());
        return tables.stream().allMatch(t -> state.get(t.name()).map(s -> !s.snapshotInProgress()).orElse(false));
    }

    private SyncContext context(JdbcEndpoint source, ClickHouseGateway clickhouse, SyncListener listener) {
        DeadLetterTable deadLetters = new DeadLetterTable(clickhouse, pipeline.target().database());
        deadLetters.create();
        return new SyncContext(pipeline, source, new SourceSql(source.kind()), clickhouse, clickhouse.capabilities(),
                deadLetters, StateStore.open(config.stateDir(), pipeline.name()), listener, RetryPolicy.DEFAULT);
    }
}
