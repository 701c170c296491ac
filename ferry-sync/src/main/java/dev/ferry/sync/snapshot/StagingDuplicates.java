package dev.ferry.sync.snapshot;

import dev.ferry.clickhouse.ClickHouseException;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.core.FerryException;
import dev.ferry.sync.SyncContext;
import dev.ferry.sync.state.TableState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a complete staging table holds every row once before it replaces the target, and checks it
 * rather than trusting a step to have worked. Rows can be there twice when a resumed snapshot wrote a chunk
 * again that an interrupted run had partly written, or when an insert ClickHouse had applied was sent again
 * because its answer was lost.
 *
 * <p>ReplacingMergeTree: the copies share key and version, so {@code count()} must equal {@code count() FINAL}.
 * If not, {@code OPTIMIZE … FINAL} is tried, but it can end without merging (18.x merges only some parts when
 * no partition is named; any server skips a merge it has no room for, and says nothing), so the counts are
 * taken again and, while copies remain, the table is rebuilt from {@code SELECT … FINAL}, which always
 * deduplicates. A plain MergeTree cannot tell a copy from a real duplicate row: it must hold exactly the rows
 * the chunks wrote ({@link TableState#stagedRows()}); otherwise the snapshot stops and the next run loads the
 * table anew (a resumed MergeTree snapshot always starts over).
 */
final class StagingDuplicates {

    private static final Logger LOG = LoggerFactory.getLogger(StagingDuplicates.class);

    private final SyncContext ctx;
    private final TargetTable staging;

    StagingDuplicates(SyncContext ctx, TargetTable staging) {
        this.ctx = ctx;
        this.staging = staging;
    }

    void remove(TableState state) {
        if (staging.engine() == TargetTable.Engine.REPLACING_MERGE_TREE) {
            deduplicate();
        } else if (state.stagedRows() != null) {
            long rows = count(staging, false);
            if (rows != state.stagedRows()) {
                throw new FerryException("staging table " + staging.database() + "." + staging.name() + " holds "
                        + rows + " rows but the snapshot wrote " + state.stagedRows() + ": an insert was applied twice "
                        + "(sent again after its answer was lost); the target was not replaced; run ferry sync again, "
                        + "which loads this table anew");
            }
        }
    }

    private void deduplicate() {
        long unique = count(staging, true);
        if (count(staging, false) == unique) {
            return;
        }
        execute("OPTIMIZE TABLE " + staging.qualifiedName() + " FINAL");
        long left = count(staging, false) - unique;
        if (left == 0) {
            return;
        }
        LOG.info("{} copies of rows are still in {} after OPTIMIZE FINAL: rebuilding it from SELECT FINAL", left,
                staging.name());
        TargetTable rebuilt = staging.renamed(staging.name() + "_dedup");
        execute("DROP TABLE IF EXISTS " + rebuilt.qualifiedName());
        execute(TableDdl.create(rebuilt));
        execute("INSERT INTO " + rebuilt.qualifiedName() + " SELECT * FROM " + staging.qualifiedName() + " FINAL");
        long copied = count(rebuilt, false);
        if (copied != unique) {
            throw new FerryException("rebuilding staging table " + staging.name() + " without duplicates copied "
                    + copied + " rows instead of " + unique + "; the target was not replaced; run ferry sync again");
        }
        // killed between these two, the next run finds no staging table and loads the table anew: slower, not wrong
        execute("DROP TABLE " + staging.qualifiedName());
        execute("RENAME TABLE " + rebuilt.qualifiedName() + " TO " + staging.qualifiedName());
    }

    private long count(TargetTable table, boolean deduplicated) {
        return ctx.retry().call("count of " + table.name(), () -> ctx.clickhouse().queryLong("SELECT count() FROM "
                + table.qualifiedName() + (deduplicated ? " FINAL" : "")), StagingDuplicates::retryable);
    }

    private void execute(String sql) {
        ctx.retry().run(sql, () -> ctx.clickhouse().execute(sql), StagingDuplicates::retryable);
    }

    private static boolean retryable(RuntimeException e) {
        return e instanceof ClickHouseException ch && ch.retryable();
    }
}
