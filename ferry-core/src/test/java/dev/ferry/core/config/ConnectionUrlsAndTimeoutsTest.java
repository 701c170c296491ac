package dev.ferry.core.config;

import static dev.ferry.core.config.ConfigFiles.lineOf;
import static dev.ferry.core.config.ConfigFiles.loadFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials in urls are refused like literal passwords; {@code timeouts} are read with their defaults. */
class ConnectionUrlsAndTimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void refusesAUserAndPasswordInAClickHouseUrlAtItsLineWithoutEchoingIt() {
        String yaml = """
                connections:
                  ch:
                    type: clickhouse
                    url: "http://ferry:hunter2@ch.example:8123"
                    user: ferry
                    password: "${env:CH_PASSWORD}"
                """;
        ConfigException e = loadFails(dir, yaml);
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "hunter2"));
            assertThat(problem.field()).isEqualTo("connections.ch.url");
            assertThat(problem.message()).contains("user name or password").contains("${env:NAME}");
        });
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void refusesALiteralSecretParameterButTakesItFromAReferenceOrWhenPlaintextIsAllowed() {
        String yaml = """
                connections:
                  ch: {type: clickhouse, url: "https://ch.example:8443/?password=hunter2", user: ferry}
                """;
        ConfigException e = loadFails(dir, yaml);
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("connections.ch.url");
            assertThat(problem.message()).contains("secret parameter").contains("allow_plaintext_secrets");
        });
        assertThat(e.getMessage()).doesNotContain("hunter2");

        FerryConfig fromEnv = ConfigLoader.load(ConfigFiles.write(dir, """
                connections:
                  ch: {type: clickhouse, url: "${env:CH_URL}", user: ferry}
                """), Map.of("CH_URL", "https://ch.example:8443/?password=hunter2"));
        assertThat(fromEnv.connections().get("ch").toString()).doesNotContain("hunter2").contains("password=****");

        FerryConfig allowed = ConfigLoader.load(ConfigFiles.write(dir, """
                allow_plaintext_secrets: true
                connections:
                  ch: {type: clickhouse, url: "https://ch.example:8443/?password=hunter2", user: ferry}
                """), Map.of());
        assertThat(allowed.connections().get("ch").url()).endsWith("password=hunter2");
    }

    @Test
    void refusesCredentialsInKafkaBootstrapServers() {
        ConfigException e = loadFails(dir, """
                connections:
                  events: {type: kafka, bootstrap: "SASL_SSL://app:hunter2@broker:9092"}
                """);
        assertThat(e.problems()).singleElement().satisfies(problem ->
                assertThat(problem.field()).isEqualTo("connections.events.bootstrap"));
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void readsTimeoutsPerConnectionWithDefaultsForWhatIsLeftOut() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, """
                connections:
                  ch: {type: clickhouse, url: "http://ch:8123", user: ferry, timeouts: {idle: 2m}}
                  pg: {type: postgres, host: db, database: shop, user: ferry, timeouts: {connect: 3s, probe: 500ms}}
                """), Map.of());
        assertThat(config.connections().get("ch").timeouts())
                .isEqualTo(new Timeouts(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(10)));
        assertThat(config.connections().get("pg").timeouts())
                .isEqualTo(new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofMillis(500)));
    }

    @Test
    void refusesUnknownAndZeroTimeouts() {
        String yaml = """
                connections:
                  ch: {type: clickhouse, url: "http://ch:8123", user: ferry, timeouts: {socket: 5s, idle: 0s}}
                """;
        ConfigException e = loadFails(dir, yaml);
        assertThat(e.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("connections.ch.timeouts.socket", "connections.ch.timeouts.idle");
    }
}
