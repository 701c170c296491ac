package dev.ferry.sync.snapshot;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteIdentifier;

import dev.ferry.clickhouse.ClickHouseException;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.core.FerryException;
import dev.ferry.sync.FaultPoint;
import dev.ferry.sync.SyncContext;

/**
 * Replaces a target with its complete staging table. Every step looks at which tables exist first, so the swap
 * can be run again from any point a crash or a lost answer left it at, and it runs under the retry policy:
 * <ul>
 * <li>staging and target there: drop a leftover {@code __ferry_old}, then {@code RENAME target TO old, staging
 * TO target}</li>
 * <li>staging there, target not (stopped between the two renames): rename staging to target</li>
 * <li>staging gone, target there (the renames are done): only the old table is left to drop</li>
 * </ul>
 * Callers record the swap in the state before calling, so a missing staging table means the rename happened.
 */
final class TargetSwap {

    private final SyncContext ctx;
    private final TargetTable target;
    private final TargetTable staging;
    private final String old;

    TargetSwap(SyncContext ctx, TargetTable target, TargetTable staging) {
        this.ctx = ctx;
        this.target = target;
        this.staging = staging;
        this.old = quoteIdentifier(target.database()) + "." + quoteIdentifier(target.name() + "__ferry_old");
    }

    void run() {
        ctx.retry().run("swap of " + target.database() + "." + target.name(), this::step,
                e -> e instanceof ClickHouseException ch && ch.retryable());
    }

    private void step() {
        ClickHouseCatalog catalog = new ClickHouseCatalog(ctx.clickhouse());
        if (catalog.exists(staging.database(), staging.name())) {
            if (catalog.exists(target.database(), target.name())) {
                ctx.clickhouse().execute("DROP TABLE IF EXISTS " + old);
                FaultPoint.reached(FaultPoint.SWAP_AFTER_DROP_OLD);
                ctx.clickhouse().execute("RENAME TABLE " + target.qualifiedName() + " TO " + old + ", "
                        + staging.qualifiedName() + " TO " + target.qualifiedName());
            } else {
                ctx.clickhouse().execute("RENAME TABLE " + staging.qualifiedName() + " TO " + target.qualifiedName());
            }
            FaultPoint.reached(FaultPoint.SWAP_AFTER_RENAME);
        } else if (!catalog.exists(target.database(), target.name())) {
            throw new FerryException("the snapshot of " + target.database() + "." + target.name() + " was being "
                    + "swapped in, but neither the target nor its staging table " + staging.name() + " exists "
                    + "(dropped by hand?); load the table again with: ferry sync --full");
        }
        ctx.clickhouse().execute("DROP TABLE IF EXISTS " + old);
    }
}
