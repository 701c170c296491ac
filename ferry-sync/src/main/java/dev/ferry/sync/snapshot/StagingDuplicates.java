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
 * If not, the table is rebuilt from {@code SELECT … FINAL}, which deduplicates as it reads, and the copy is
 * counted. {@code OPTIMIZE … FINAL}, which Ferry used before, costs as much but can end without merging and
 * say nothing (a merge the server has no room for, or one already running on the parts; left so on 18.16, one
 * resumed snapshot in four kept a chunk twice). A plain MergeTree cannot tell a copy from a real duplicate row: it must hold exactly the rows
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

    /**
     * @return why the staging table cannot replace the target (a plain MergeTree holding more or fewer rows than
     *         were written), or empty when it can
     */
    java.util.Optional<String> remove(TableState state) {
        if (staging.engine() == TargetTable.Engine.REPLACING_MERGE_TREE) {
            deduplicate();
        } else if (state.stagedRows() != null) {
            long rows = count(staging, false);
            if (rows != state.stagedRows()) {
                return java.util.Optional.of("staging table " + staging.database() + "." + staging.name() + " holds "
                        + rows + " rows but the snapshot wrote " + state.stagedRows() + " (an insert applied twice, "
                        + "sent again after its answer was lost?); the target was not replaced; run ferry sync again, "
                        + "which loads this table anew");
            }
        }
        return java.util.Optional.empty();
    }

    private void deduplicate() {
        long unique = count(staging, true);
        if (count(staging, false) == unique) {
            return;
        }
        LOG.info("{} holds {} copies of rows: rebuilding it from SELECT FINAL", staging.name(),
                count(staging, false) - unique);
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
