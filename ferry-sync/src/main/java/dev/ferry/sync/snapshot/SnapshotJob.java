package dev.ferry.sync.snapshot;

import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.sync.CursorReader;
import dev.ferry.sync.FaultPoint;
import dev.ferry.sync.NullCursorCheck;
import dev.ferry.sync.RowLoader;
import dev.ferry.sync.SyncContext;
import dev.ferry.sync.TableMapping;
import dev.ferry.sync.TableReport;
import dev.ferry.sync.state.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The snapshot of one table. Rows load into a staging table chunk by chunk; each finished chunk is
 * recorded in the state, so an interrupted snapshot resumes with the chunks not yet done. When all chunks
 * are in, the staging table replaces the target in one RENAME, so readers never see a half-loaded table.
 * A resumed keyed snapshot may have re-inserted part of a chunk; those rows carry the same key and
 * version, and are removed before the swap ({@link StagingDuplicates}); the swap itself can be repeated from
 * any point ({@link TargetSwap}).
 *
 * <p>A CDC pipeline's initial snapshot ({@link #intoLiveTarget}) writes straight into the target instead,
 * while changes stream into it: its rows get version 0, so any streamed change of the same row wins. The same
 * kind of load at a later version re-reads a table whose existing rows changed at the source without change
 * events (a column added with a default): it wins over the changes before that version and loses to later ones.
 */
public final class SnapshotJob {

    private final SyncContext ctx;
    private final TableMapping table;
    private final TargetTable staging;
    private final boolean live;
    /** {@code _version} of a live load's rows; a snapshot into staging takes the load time instead. */
    private final long liveVersion;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger();
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile TableState state;
    private volatile TableReport report;
    private Instant started;

    public SnapshotJob(SyncContext ctx, TableMapping table) {
        this(ctx, table, false, 0);
    }

    private SnapshotJob(SyncContext ctx, TableMapping table, boolean live, long liveVersion) {
        this.ctx = ctx;
        this.table = table;
        this.live = live;
        this.liveVersion = liveVersion;
        this.staging = live ? table.target() : table.target().renamed(table.target().name() + "__ferry_staging");
    }

    /**
     * The snapshot of a CDC target, which exists already and receives streamed changes meanwhile, written at
     * {@code version} (0 for the initial snapshot). A resumed load keeps the version it started with.
     */
    public static SnapshotJob intoLiveTarget(SyncContext ctx, TableMapping table, long version) {
        return new SnapshotJob(ctx, table, true, version);
    }

    public TableMapping table() {
        return table;
    }

    /**
     * Creates (or, when resuming, keeps) the staging table and the chunk plan. Runs on a snapshot
     * connection so that the plan and the incremental high-water mark match what the chunks will read.
     *
     * @return indexes of the chunks still to load
     */
    public List<Integer> prepare(Connection conn, boolean forceRestart) throws SQLException {
        started = Instant.now();
        TableState previous = ctx.state().get(table.name()).orElse(null);
        ClickHouseCatalog catalog = new ClickHouseCatalog(ctx.clickhouse());
        boolean resume = !forceRestart && previous != null && previous.snapshotInProgress()
                && (live || previous.swapping() || stagingMatchesMapping(catalog));
        if (resume && previous.swapping()) {
            // every chunk is in: only the swap (or what is left of it) remains
            state = previous.asResumed();
            remaining.set(0);
            ctx.listener().tableStarted(table.name(), mode(), 0);
            finish();
            return List.of();
        }
        ChunkPlanner.Plan plan = ChunkPlanner.plan(conn, ctx.sql(), table, ctx.pipeline().chunkRows());
        if (resume) {
            // only ReplacingMergeTree can absorb the rows of a partly written chunk that is written again; a live
            // (CDC) target always is one, and must never be emptied: it holds the changes streamed meanwhile.
            // With every chunk done and counted nothing was written partly, and the count is checked before the swap.
            boolean complete = !live && undone(previous).isEmpty() && previous.stagedRows() != null;
            boolean chunksCanResume = complete || (live || !previous.chunks().isEmpty())
                    && table.target().engine() == TargetTable.Engine.REPLACING_MERGE_TREE;
            state = chunksCanResume ? previous.asResumed() : restartWholeTable(previous);
            // chunks not recorded as done are read again, with their dead letters
            ctx.deadLetters().forgetChunks(ctx.pipeline().name(), table.name(), state.version(),
                    undone(state));
            if (live && previous.chunks().isEmpty() && previous.doneChunks().isEmpty()) {
                // a reload that was only marked (PipelineSync.markLiveReload) has no chunk plan yet
                state = new TableState(TableState.SNAPSHOT, previous.version(), staging.name(), plan.chunks(), null,
                        previous.resumed(), null);
            }
        } else if (live) {
            // streamed changes since the stream's start are in the target already; only when the caller
            // restarts (the stream has no stored position to replay from) must earlier attempts go
            if (forceRestart) {
                ctx.clickhouse().execute("TRUNCATE TABLE " + staging.qualifiedName());
                ctx.deadLetters().forgetLoad(ctx.pipeline().name(), table.name(), liveVersion);
            }
            state = new TableState(TableState.SNAPSHOT, liveVersion, staging.name(), plan.chunks(), null, false, null);
        } else {
            Long nullCursorRows = checkNullCursors(conn);
            ctx.clickhouse().execute("DROP TABLE IF EXISTS " + staging.qualifiedName());
            ctx.clickhouse().execute(TableDdl.create(staging));
            String cursor = table.cursorColumn() == null ? null : CursorReader.max(conn, ctx.sql(), table);
            state = new TableState(TableState.SNAPSHOT, versionNow(), staging.name(), plan.chunks(), null, false,
                    cursor, nullCursorRows, 0L);
        }
        ctx.state().put(table.name(), state);
        List<Integer> todo = undone(state);
        remaining.set(todo.size());
        ctx.listener().tableStarted(table.name(), mode(), plan.rows());
        if (todo.isEmpty()) {
            finish(); // killed after the last chunk, before the swap: the swap is all that is left
        }
        return todo;
    }

    private static List<Integer> undone(TableState state) {
        List<Integer> todo = new java.util.ArrayList<>();
        int chunks = Math.max(1, state.chunks().size());
        for (int i = 0; i < chunks; i++) {
            if (!state.doneChunks().contains(i)) {
                todo.add(i);
            }
        }
        return todo;
    }

    /**
     * An incremental table's rows with a NULL cursor are loaded by this snapshot only: counted, reported
     * (or refused, with {@code null_cursor: error}) before anything is written. Rows whose cursor cannot be a
     * high-water mark (infinity, BC, zero dates) are counted and reported too.
     *
     * @return their count, or null for a table without a cursor
     */
    private Long checkNullCursors(Connection conn) throws SQLException {
        if (table.cursorColumn() == null) {
            return null;
        }
        long unmarkable = CursorReader.unmarkableCount(conn, ctx.sql(), table);
        if (unmarkable > 0) {
            String message = CursorReader.unmarkableWarning(table, unmarkable);
            warnings.add(message);
            ctx.listener().warning(table.name(), message);
        }
        long count = CursorReader.nullCount(conn, ctx.sql(), table);
        NullCursorCheck.check(ctx.pipeline().name(), table, ctx.pipeline().rulesFor(table.source().id()).nullCursor(),
                count, null, true).ifPresent(message -> {
                    warnings.add(message);
                    ctx.listener().warning(table.name(), message);
                });
        return count;
    }

    /**
     * A keyless (or plain MergeTree) table cannot tell re-written rows from new ones: resuming it means
     * emptying the staging table and loading every chunk again.
     */
    private TableState restartWholeTable(TableState previous) {
        ctx.clickhouse().execute("TRUNCATE TABLE " + staging.qualifiedName());
        return new TableState(TableState.SNAPSHOT, previous.version(), previous.staging(), previous.chunks(), null,
                true, previous.cursorValue(), previous.nullCursorRows(), 0L);
    }

    /** A staging table left by an interrupted run is reused only if the source's shape has not changed since. */
    private boolean stagingMatchesMapping(ClickHouseCatalog catalog) {
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        staging.columns().forEach(c -> expected.put(c.name(), c.type().sql()));
        if (staging.engine() == TargetTable.Engine.REPLACING_MERGE_TREE) {
            expected.put(TargetTable.VERSION_COLUMN, "UInt64");
        }
        return catalog.columns(staging.database(), staging.name()).map(expected::equals).orElse(false);
    }

    /** Loads one chunk on a snapshot connection; the last chunk to finish completes the table. */
    public void loadChunk(Connection conn, int index) throws SQLException {
        RowLoader loader = new RowLoader(ctx.pipeline().name(), table, new RowReader(ctx.sql().kind(), table.source()),
                ctx.deadLetters(), ctx.listener(), DeadLetterTable.chunkLoad(state.version(), index));
        TableWriter writer = new TableWriter(ctx.clickhouse(), staging, table.encoder(), ctx.batchLimits(), ctx.retry());
        String query = ctx.sql().selectAll(table.source());
        ColumnSpec split = ChunkPlanner.splitColumn(table);
        boolean ranged = split != null && !state.chunks().isEmpty();
        if (ranged) {
            String column = ctx.sql().quote(split.name());
            query += " WHERE " + column + " >= ? AND " + column + " <= ?";
        }
        try (PreparedStatement ps = ctx.sql().streamingStatement(conn, query)) {
            if (ranged) {
                long[] bounds = state.chunks().get(index);
                ps.setLong(1, bounds[0]);
                ps.setLong(2, bounds[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                loader.load(rs, writer, state.version(), cursor -> FaultPoint.reached(FaultPoint.AFTER_BATCH));
            }
        }
        rows.addAndGet(loader.rows());
        rejected.addAndGet(loader.rejected());
        synchronized (this) {
            state = state.withChunkDone(index, loader.rows());
            ctx.state().put(table.name(), state);
        }
        if (remaining.decrementAndGet() == 0) {
            finish();
        }
    }

    /**
     * Completes the table: the staging table, checked free of duplicate rows, replaces the target; the dead
     * letters of earlier loads of the table give way to this load's; the state says done. Each step can be run
     * again after a crash at any point of it.
     */
    private void finish() {
        if (!live) {
            if (!state.swapping()) {
                FaultPoint.reached(FaultPoint.BEFORE_SWAP);
                java.util.Optional<String> unusable = new StagingDuplicates(ctx, staging).remove(state);
                if (unusable.isPresent()) {
                    // no chunk counts as done any more: the next run loads the table anew
                    ctx.state().put(table.name(), new TableState(TableState.SNAPSHOT, state.version(), state.staging(),
                            state.chunks(), null, true, state.cursorValue(), state.nullCursorRows(), 0L));
                    throw new dev.ferry.core.FerryException(unusable.get());
                }
                state = state.asSwapping();
                ctx.state().put(table.name(), state);
            }
            new TargetSwap(ctx, table.target(), staging).run();
        }
        ctx.deadLetters().replaceEarlierLoads(ctx.pipeline().name(), table.name(), state.version(), live);
        FaultPoint.reached(FaultPoint.BEFORE_STATE_DONE);
        ctx.state().put(table.name(), state.done(state.cursorValue()));
        report = new TableReport(table.name(), table.target().database() + "." + table.target().name(), mode(),
                rows.get(), rejected.get(), Duration.between(started, Instant.now()),
                ctx.pipeline().rulesFor(table.source().id()).maxDeadLetters(), warnings);
        ctx.listener().tableFinished(report);
    }

    public TableReport report() {
        return report;
    }

    private String mode() {
        return state != null && state.resumed() ? "snapshot (resumed)" : "snapshot";
    }

    /** Microseconds since the epoch: later loads get larger versions and win in ReplacingMergeTree. */
    public static long versionNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
