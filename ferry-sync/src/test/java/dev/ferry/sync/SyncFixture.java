package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A config file pointing at the test servers, as a user would write it: passwords come from the
 * environment, never from the file.
 */
final class SyncFixture {

    final TestDatabases db;
    final Path dir;
    final Map<String, String> env;

    SyncFixture(TestDatabases db, Path dir) {
        this.db = db;
        this.dir = dir;
        this.env = Map.of("PG_PASSWORD", db.stack().postgres().password(), "MY_PASSWORD",
                db.stack().mariadb().password(), "CH_PASSWORD", db.stack().clickhouse().password());
    }

    /** Writes ferry.yaml with one pipeline from {@code source} (pg or my) and the given extra pipeline lines. */
    Path config(String source, String pipelineBody) throws IOException {
        return config(source, pipelineBody, "");
    }

    /** As above, with extra target settings such as {@code engine: MergeTree}. */
    Path config(String source, String pipelineBody, String targetOptions) throws IOException {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint my = db.stack().mariadb();
        ServerEndpoint ch = db.stack().clickhouse();
        String yaml = """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${env:PG_PASSWORD}"}
                  my: {type: mysql, host: %s, port: %d, database: %s, user: %s, password: "${env:MY_PASSWORD}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: test
                    source: {connection: %s, %s}
                    target: {connection: ch%s}
                %s
                """.formatted(pg.host(), pg.port(), source.equals("pg") ? db.postgres() : "ferry", pg.user(),
                my.host(), my.port(), source.equals("my") ? db.mariadb() : "mysql", my.user(),
                ch.httpUrl(), db.clickhouse(), ch.user(),
                source, pipelineBody.lines().findFirst().orElse(""),
                targetOptions.isEmpty() ? "" : ", " + targetOptions,
                pipelineBody.lines().skip(1).map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"));
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    FerryConfig load(Path file) {
        return ConfigLoader.load(file, env);
    }

    SyncReport sync(Path file, SyncOptions options) {
        FerryConfig config = load(file);
        return new PipelineSync(config, config.requirePipeline("test")).run(options, SyncListener.NONE);
    }

    ClickHouseGateway clickhouse() {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    void postgres(String... statements) throws SQLException {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    void mariadb(String... statements) throws SQLException {
        try (Connection conn = db.mariadbConnection(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
