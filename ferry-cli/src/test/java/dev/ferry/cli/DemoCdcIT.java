package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code ferry demo --cdc}: the shop streams while live orders change it, and ends equal. */
@FerryIntegrationTest
class DemoCdcIT {

    @Test
    void liveShopStreamsAndValidatesEqual(TestDatabases db) throws Exception {
        CliRun run;
        try {
            run = CliRun.of("demo", "--cdc", "--state-dir", db.stack().stateDir().toString(),
                    "--order-items", "5000", "--duration", "5", "--rate", "50");
        } finally {
            // the demo's slot would keep WAL on the shared test server
            new SourceDb(db, SourceDb.Kind.POSTGRES).dropSlot("ferry_shop_live");
        }

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("4/5 live shop").contains("lag").contains("slot ferry_shop_live retains")
                .contains("public.orders            equal").contains("public.order_items       equal")
                .contains("Revenue by category");
        assertThat(run.out()).doesNotContain("DIFFERENT");
    }
}
