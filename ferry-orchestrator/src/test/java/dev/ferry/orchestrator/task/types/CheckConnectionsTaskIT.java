package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class CheckConnectionsTaskIT {

    @TempDir
    Path dir;

    private final CheckConnectionsTask check = new CheckConnectionsTask();

    /** A port nothing listens on: bound, then freed. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reachableServersReportTheirVersions(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config("kafka: {type: kafka, bootstrap: \"" + db.stack().kafkaBootstrap() + "\"}", "");
        Map<String, Object> output = check.run(new CheckConnectionsSettings(List.of(), Duration.ofSeconds(20)),
                f.context(config));
        assertThat(output).containsEntry("ok", 3);
        Map<String, Object> connections = (Map<String, Object>) output.get("connections");
        assertThat(connections).containsOnlyKeys("pg", "ch", "kafka");
        assertThat((Map<String, Object>) connections.get("pg")).containsEntry("status", "ok")
                .containsEntry("type", "postgres").hasEntrySatisfying("version",
                        version -> assertThat((String) version).startsWith("PostgreSQL 15."));
        assertThat((Map<String, Object>) connections.get("ch")).containsEntry("version", "ClickHouse 18.16.1");
        assertThat((Map<String, Object>) connections.get("kafka")).hasEntrySatisfying("version",
                version -> assertThat((String) version).startsWith("Kafka cluster ").endsWith(", 1 broker"));
        assertThat(f.log.text()).contains("pg (postgres): ok, PostgreSQL", "ch (clickhouse): ok, ClickHouse 18.16.1");
    }

    @Test
    void failsNamingEveryUnreachableServer(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        ServerEndpoint pg = db.stack().postgres();
        int closed = closedPort();
        FerryConfig config = f.config("""
                pg_down: {type: postgres, host: %s, port: %d, database: x, user: %s, password: "${env:PG_PASSWORD}"}
                ch_wrong_password: {type: clickhouse, url: "%s", user: %s, password: "${env:PG_PASSWORD}"}
                kafka_down: {type: kafka, bootstrap: "127.0.0.1:%d"}
                """.formatted(pg.host(), closed, pg.user(), db.stack().clickhouse().httpUrl(),
                db.stack().clickhouse().user(), closed), "");
        CheckConnectionsSettings settings = DagText.settings(dir, "type: check_connections\nconnections: [pg, pg_down,"
                + " ch, ch_wrong_password, kafka_down, nowhere]\nconnect_timeout: 5s");
        long started = System.nanoTime();
        assertThatThrownBy(() -> check.run(settings, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("4 of 6 connections unreachable:")
                .hasMessageContaining("- pg_down (postgres): cannot connect to POSTGRES://" + pg.user() + "@"
                        + pg.host() + ":" + closed + "/x")
                .hasMessageContaining("- ch_wrong_password (clickhouse): ClickHouse ch_wrong_password ("
                        + db.stack().clickhouse().httpUrl() + ") refused user")
                .hasMessageContaining("- kafka_down (kafka): cannot reach Kafka at 127.0.0.1:" + closed + " within 5 s")
                .hasMessageContaining("- nowhere (unknown): no connection 'nowhere'")
                .hasMessageNotContaining("- pg (").hasMessageNotContaining("- ch (")
                .hasMessageNotContaining(db.stack().postgres().password());
        // tried at once: the dead Kafka costs one timeout, not one per connection
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(f.log.text()).contains("pg (postgres): ok", "ERROR pg_down (postgres): cannot connect");
    }
}
