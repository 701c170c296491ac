package dev.ferry.sync;

import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.SchemaDiff;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetColumn;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.TableRules;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.sync.snapshot.SnapshotJob;
import dev.ferry.sync.state.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One incremental run of a table: rows whose cursor is at or above the stored high-water mark minus the
 * lookback ({@link CursorWindow}), in cursor order, written as new versions of their keys. The mark advances
 * after every batch ClickHouse accepted, never backwards, so a killed run resumes where it stopped. New
 * source columns are added to the target first; a changed column type stops the table with the way out (a
 * full resync).
 */
public final class IncrementalJob {

    private final SyncContext ctx;
    private final TableMapping table;
    private final List<String> warnings = new ArrayList<>();

    public IncrementalJob(SyncContext ctx, TableMapping table) {
        this.ctx = ctx;
        this.table = table;
    }

    public TableReport run(Connection conn, TableState start) throws SQLException {
        Instant started = Instant.now();
        TableRules rules = ctx.pipeline().rulesFor(table.source().id());
        ColumnSpec cursor = CursorReader.cursorColumn(table);
        CursorWindow window = CursorWindow.of(cursor, rules, table.name());
        evolveSchema();
        long nullRows = CursorReader.nullCount(conn, ctx.sql(), table);
        NullCursorCheck.check(ctx.pipeline().name(), table, rules.nullCursor(), nullRows, start.nullCursorRows(), false)
                .ifPresent(this::warn);
        String unmarkable = CursorReader.unmarkableWarning(table, CursorReader.unmarkableCount(conn, ctx.sql(), table));
        if (unmarkable != null) {
            warn(unmarkable);
        }
        TableState[] state = {start.withNullCursorRows(nullRows)};
        ctx.state().put(table.name(), state[0]);
        String query = ctx.sql().selectAll(table.source());
        String mark = start.cursorValue();
        query += mark == null ? " WHERE " + ctx.sql().quote(cursor.name()) + " IS NOT NULL"
                : " WHERE " + window.condition(ctx.sql());
        query += " ORDER BY " + ctx.sql().quote(cursor.name());
        ctx.listener().tableStarted(table.name(), "incremental", 0);
        RowLoader loader = new RowLoader(ctx.pipeline().name(), table, new RowReader(ctx.sql().kind(), table.source()),
                ctx.deadLetters(), ctx.listener());
        TableWriter writer = new TableWriter(ctx.clickhouse(), table.target(), table.encoder(), ctx.batchLimits(),
                ctx.retry());
        long version = SnapshotJob.versionNow();
        try (PreparedStatement ps = ctx.sql().streamingStatement(conn, query)) {
            if (mark != null) {
                ps.setString(1, mark);
            }
            try (ResultSet rs = ps.executeQuery()) {
                loader.load(rs, writer, version, last -> {
                    String next = CursorText.advance(state[0].cursorValue(), last, cursor.type().kind());
                    if (next != null && !next.equals(state[0].cursorValue())) {
                        state[0] = state[0].withCursor(next);
                        ctx.state().put(table.name(), state[0]);
                        FaultPoint.reached(FaultPoint.INCREMENTAL_AFTER_MARK);
                    }
                });
            }
        }
        FutureCursor.check(table.name(), cursor, state[0].cursorValue(), Clock.systemUTC()).ifPresent(this::warn);
        TableReport report = new TableReport(table.name(), table.target().database() + "." + table.target().name(),
                "incremental", loader.rows(), loader.rejected(), Duration.between(started, Instant.now()),
                rules.maxDeadLetters(), warnings);
        ctx.listener().tableFinished(report);
        return report;
    }

    private void warn(String message) {
        warnings.add(message);
        ctx.listener().warning(table.name(), message);
    }

    /** Adds columns the source gained; refuses type changes, which need a full resync of the table. */
    private void evolveSchema() {
        TargetTable target = table.target();
        Map<String, String> existing = new ClickHouseCatalog(ctx.clickhouse()).columns(target.database(), target.name())
                .orElseThrow(() -> new FerryException("target table " + target.database() + "." + target.name()
                        + " is missing although the state says table " + table.name() + " was loaded; resync it with: "
                        + "ferry sync --full --table " + table.name()));
        SchemaDiff diff = SchemaDiff.of(existing, target);
        for (SchemaDiff.Changed change : diff.changed()) {
            throw new FerryException("column " + change.column() + " of " + table.name() + " changed: ClickHouse has "
                    + change.current() + " but the source now maps to " + change.wanted()
                    + "; resync the table with: ferry sync --full --table " + table.name());
        }
        // columns the source dropped or renamed stay in ClickHouse: batch loads keep history
        for (SchemaDiff.Added add : diff.added()) {
            ctx.clickhouse().execute(TableDdl.addColumn(target, add.column(), add.after()));
        }
        for (SchemaDiff.Renamed rename : diff.renamed()) {
            TargetColumn column = target.columns().stream().filter(c -> c.name().equals(rename.to())).findFirst()
                    .orElseThrow();
            ctx.clickhouse().execute(TableDdl.addColumn(target, column, null));
        }
    }
}
