package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code ferry demo --stream}: sensor readings through Kafka into ClickHouse, broken ones as dead letters. */
@FerryIntegrationTest
class DemoStreamIT {

    @Test
    void sensorReadingsAndDeadLettersAddUp(TestDatabases db) {
        db.stack().kafkaBootstrap(); // the demo starts Kafka itself; this only makes the test's own start visible
        CliRun run = CliRun.of("demo", "--stream", "--state-dir", db.stack().stateDir().toString(), "--duration", "5",
                "--rate", "30");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3/4 ferry stream validates them").contains("dead letters by reason")
                .contains("warmest sensors").containsPattern("[0-9,]+ rows \\+ [0-9,]+ dead letters = [0-9,]+ messages");

        // the scheduled datamart of the example DAGs, on the table the demo just filled
        CliRun rollup = CliRun.of("dags", "test", "sensor_hourly_rollup", "--config",
                db.stack().stateDir().resolve("demo").resolve("stream.yaml").toString());
        assertThat(rollup.exitCode()).as(rollup.out() + rollup.err()).isZero();
        assertThat(rollup.out()).contains("rollup_has_rows").containsPattern("check_rollup\\s+success");
    }
}
