package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code ferry demo --dags}: the shipped example DAGs (seeds 004 and 000) run green on the local stack. */
@FerryIntegrationTest
class DemoDagsIT {

    @Test
    void exampleDagsRunGreenAndLeaveTheirHistory(TestDatabases db) {
        String stateDir = db.stack().stateDir().toString();
        CliRun run = CliRun.of("demo", "--dags", "--state-dir", stateDir, "--order-items", "5000");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("hw16_data_loading_pipeline (manual__").contains("validate_loaded_data: success")
                .contains("data_sync_dag (manual__").contains("analyze_results: success")
                .contains("mysql_to_clickhouse_etl (manual__").contains("check_aggregates: success")
                .doesNotContain("-> failed");

        String config = db.stack().stateDir().resolve("demo-dags").resolve("ferry.yaml").toString();
        CliRun runs = CliRun.of("dags", "runs", "hw16_data_loading_pipeline", "--config", config);
        assertThat(runs.out()).containsPattern("manual__\\S+\\s+manual\\s+success");
        CliRun stats = CliRun.of("tasks", "logs", "hw16_data_loading_pipeline", "category_stats", "--config", config);
        assertThat(stats.out()).contains("Electronics").contains("Books").contains("Sports");
        CliRun list = CliRun.of("dags", "list", "--config", config);
        assertThat(list.out()).containsPattern("data_sync_dag\\s+\\*/30 \\* \\* \\* \\*\\s+no")
                .containsPattern("mysql_to_clickhouse_etl\\s+@hourly");
    }
}
