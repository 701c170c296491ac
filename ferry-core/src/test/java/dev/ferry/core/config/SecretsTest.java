package dev.ferry.core.config;

import static dev.ferry.core.config.ConfigFiles.lineOf;
import static dev.ferry.core.config.ConfigFiles.loadFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void resolvesEnvironmentAndFileReferencesAndHidesTheValues() throws IOException {
        Files.writeString(dir.resolve("ch.password"), "file-secret-value \n\n");
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, """
                connections:
                  pg: {type: postgres, host: "${env:PG_HOST}", database: shop, user: "${env:PG_USER}", password: "${env:PG_PASSWORD}"}
                  ch: {type: clickhouse, url: "${env:CH_URL}", user: ferry, password: "${file:ch.password}"}
                """), Map.of("PG_HOST", "db.internal", "PG_USER", "reader", "PG_PASSWORD", "env-secret-value",
                "CH_URL", "https://ch.example.com"));

        ConnectionConfig pg = config.connections().get("pg");
        assertThat(pg.host()).isEqualTo("db.internal");
        assertThat(pg.user()).isEqualTo("reader");
        assertThat(pg.password().reveal()).isEqualTo("env-secret-value");
        assertThat(pg.password().source()).isEqualTo("${env:PG_PASSWORD}");
        assertThat(pg.password()).hasToString("${env:PG_PASSWORD}");
        assertThat(pg.toString()).doesNotContain("env-secret-value");

        ConnectionConfig ch = config.connections().get("ch");
        assertThat(ch.password().reveal()).isEqualTo("file-secret-value");
        assertThat(ch.password().source()).isEqualTo("${file:ch.password}");
        assertThat(ch.toString()).doesNotContain("file-secret-value");
        assertThat(ch.host()).isEqualTo("ch.example.com");
        assertThat(ch.port()).isEqualTo(443);
    }

    @Test
    void rejectsLiteralPasswordsAtTheirLine() {
        String yaml = """
                connections:
                  pg:
                    type: postgres
                    host: db
                    database: shop
                    user: ferry
                    password: hunter2
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "hunter2"));
            assertThat(problem.field()).isEqualTo("connections.pg.password");
        });
        assertThat(e).hasMessage(dir.resolve("ferry.yaml") + ":7: connections.pg.password: literal password not"
                + " allowed; use ${env:NAME} or ${file:path}, or set allow_plaintext_secrets: true");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void acceptsLiteralPasswordsWhenAllowed() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, """
                allow_plaintext_secrets: true
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: hunter2}
                """), Map.of());

        Secret password = config.connections().get("pg").password();
        assertThat(password.reveal()).isEqualTo("hunter2");
        assertThat(password.source()).isEqualTo("literal");
        assertThat(password).hasToString("****");
    }

    @Test
    void missingVariableIsNamedAndOtherSecretsStayHidden() throws IOException {
        Files.writeString(dir.resolve("mysql.password"), "mysql-secret-value");
        String yaml = """
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: "${env:PG_PASSWORD}"}
                  my: {type: mysql, host: db, database: legacy, user: ferry, password: "${file:mysql.password}"}
                  ch: {type: clickhouse, url: "http://ch:8123", user: ferry, password: "${env:MISSING_PASSWORD}"}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "MISSING_PASSWORD"));
            assertThat(problem.message()).isEqualTo("environment variable MISSING_PASSWORD is not set");
        });
        assertThat(e.getMessage()).doesNotContain("pg-secret-value", "mysql-secret-value");
    }

    @Test
    void unreadableSecretFileIsNamed() {
        String yaml = """
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: "${file:nowhere/pg.password}"}
                """;
        ConfigException e = loadFails(dir, yaml);

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("cannot read secret file " + dir.resolve("nowhere/pg.password") + ": no such file");
    }

    @Test
    void unsupportedReferenceIsNotEchoed() {
        ConfigException e = loadFails(dir, """
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: "${vault:top-secret}"}
                """);

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unsupported reference; use ${env:NAME} or ${file:path}");
        assertThat(e.getMessage()).doesNotContain("top-secret");
    }

    @Test
    void pipelineOfABrokenConnectionReportsTheConnectionNotACrash() {
        String yaml = """
                connections:
                  pg: {type: postgres, host: db, database: shop, user: ferry, password: "${env:PG_PASSWORD}"}
                  ch: {type: clickhouse, url: "http://ch:8123", user: ferry, password: "${env:NOT_SET_ANYWHERE}"}
                pipelines:
                  - name: p
                    source: {connection: pg, tables: [public.t]}
                    target: {connection: ch}
                """;
        ConfigException e = loadFails(dir, yaml);
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "NOT_SET_ANYWHERE"));
            assertThat(problem.message()).isEqualTo("environment variable NOT_SET_ANYWHERE is not set");
        });
    }
}
