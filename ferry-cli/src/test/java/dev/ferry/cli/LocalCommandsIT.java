package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-stack commands as a user runs them: start twice, status as JSON, stop twice. */
class LocalCommandsIT {

    @TempDir
    Path stateDir;

    @Test
    void startStatusStopTwiceInARow() throws Exception {
        String dir = stateDir.toString();
        for (int round = 0; round < 2; round++) {
            CliRun start = CliRun.of("local", "start", "--state-dir", dir, "--services", "clickhouse,mariadb");
            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.out()).contains("clickhouse  started").contains("mariadb     started");

            CliRun again = CliRun.of("local", "start", "--state-dir", dir, "--services", "clickhouse,mariadb");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("clickhouse  already running").contains("mariadb     already running");

            CliRun status = CliRun.of("local", "status", "--json", "--state-dir", dir);
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertThat(json.get("stateDir").asText()).isEqualTo(stateDir.toAbsolutePath().toString());
            JsonNode clickhouse = json.get("services").get(0);
            assertThat(clickhouse.get("name").asText()).isEqualTo("clickhouse");
            assertThat(clickhouse.get("state").asText()).isEqualTo("running");
            assertThat(clickhouse.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(clickhouse.get("port").asInt()).isPositive();
            assertThat(clickhouse.get("user").asText()).isEqualTo("ferry");
            assertThat(clickhouse.get("passwordFile").asText()).endsWith("secrets/clickhouse.password");
            assertThat(clickhouse.has("password")).isFalse();
            assertThat(json.get("services").get(1).get("state").asText()).isEqualTo("not-started");
            // postgres was not asked for, so not every service runs: status says so in its exit code
            assertThat(status.exitCode()).isEqualTo(3);

            CliRun stop = CliRun.of("local", "stop", "--state-dir", dir);
            assertThat(stop.exitCode()).isZero();
            assertThat(stop.out()).contains("clickhouse  stopped").contains("mariadb     stopped");
            assertThat(CliRun.of("local", "stop", "--state-dir", dir).out()).contains("nothing was running");
        }
    }

    @Test
    void failureIsOneLineAndNonZero() {
        CliRun run = CliRun.of("local", "start", "--state-dir", stateDir.toString(), "--services", "nosuch");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(
                "ferry: unknown local service 'nosuch'; known: clickhouse, postgres, mariadb, kafka");
    }
}
