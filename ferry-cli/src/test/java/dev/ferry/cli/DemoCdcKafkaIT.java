package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code ferry demo --cdc --via-kafka}: the shop through Kafka into ClickHouse, enriched, ends complete. */
@FerryIntegrationTest
class DemoCdcKafkaIT {

    @Test
    void shopFlowsThroughKafkaAndIsEnriched(TestDatabases db) throws Exception {
        CliRun run;
        try {
            run = CliRun.of("demo", "--cdc", "--via-kafka", "--state-dir", db.stack().stateDir().toString(),
                    "--order-items", "3000", "--duration", "4", "--rate", "20");
        } finally {
            new SourceDb(db, SourceDb.Kind.POSTGRES).dropSlot("ferry_shop_to_kafka");
        }
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("products: ").contains("order items: ").contains("revenue by category")
                .containsPattern("order items: PostgreSQL ([0-9,]+), ClickHouse \\1");
    }
}
