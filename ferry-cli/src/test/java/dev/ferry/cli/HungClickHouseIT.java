package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry sync} and {@code ferry validate} as processes against a ClickHouse that accepts connections
 * and never answers: the terminal says what is waited for and since when, the run ends within the
 * connection's timeouts, and the url's secret parameter never shows.
 */
@FerryIntegrationTest
class HungClickHouseIT {

    @TempDir
    Path dir;

    @Test
    void syncAndValidateSayWhatTheyWaitForAndEndWithinTheTimeouts(TestDatabases db) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO products SELECT g, 'p' || g FROM generate_series(1, 10) g");
        }
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("pg.secret"), pg.password());
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port())) {
            String secretParameter = "quota_key=not-to-be-shown-" + db.name();
            Path config = dir.resolve("ferry.yaml");
            Files.writeString(config, """
                    connections:
                      pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                      dwh:
                        type: clickhouse
                        url: "${env:CH_URL}"
                        database: %s
                        user: %s
                        password: "${env:CH_PASSWORD}"
                        timeouts: {idle: 1s, probe: 1s}
                    pipelines:
                      - name: shop
                        source: {connection: pg, tables: [public.products]}
                        target: {connection: dwh}
                    """.formatted(pg.host(), pg.port(), db.postgres(), pg.user(), db.clickhouse(), ch.user()));
            String url = "http://127.0.0.1:" + proxy.port();
            proxy.blackHole();
            for (String command : new String[] {"sync", "validate"}) {
                Path log = dir.resolve(command + ".log");
                ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                        "-jar", Path.of("target", "ferry.jar").toAbsolutePath().toString(), command, "--config",
                        config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("CH_URL", url + "/?" + secretParameter);
                builder.environment().put("CH_PASSWORD", ch.password());
                long started = System.nanoTime();
                Process process = builder.start();
                boolean ended = process.waitFor(60, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly().waitFor();
                }
                String output = Files.readString(log);
                assertThat(ended).as(command + " ended; it printed:\n" + output).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
                assertThat(process.exitValue()).as(output).isNotZero();
                assertThat(output).as(command)
                        .containsPattern("waiting for ClickHouse dwh \\(" + url.replace(".", "\\.")
                                + "/\\?quota_key=\\*\\*\\*\\*\\) to answer \\S.* — since \\d\\d:\\d\\d:\\d\\d \\(\\d+ s\\)")
                        .contains("taken as hung")
                        .doesNotContain(secretParameter).doesNotContain(ch.password());
            }
        }
    }
}
