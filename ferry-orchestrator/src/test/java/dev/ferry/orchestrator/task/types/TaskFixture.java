package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Ferry config pointing at the test servers, as a user writes it (passwords from the environment), and
 * task contexts built on it the way the executor builds them.
 */
final class TaskFixture {

    final TestDatabases db;
    final Path dir;
    final Map<String, String> env;
    final RecordingLog log = new RecordingLog();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final Map<String, Object> values = new LinkedHashMap<>();

    TaskFixture(TestDatabases db, Path dir) {
        this.db = db;
        this.dir = dir;
        this.env = Map.of("PG_PASSWORD", db.stack().postgres().password(), "CH_PASSWORD",
                db.stack().clickhouse().password());
        values.put("params", new LinkedHashMap<String, Object>());
        values.put("ds", "2026-01-31");
        values.put("tasks", new LinkedHashMap<String, Object>());
    }

    /** ferry.yaml with connections pg and ch, extra connection lines, and the given pipelines section. */
    FerryConfig config(String extraConnections, String pipelines) throws IOException {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        String yaml = """
                connections:
                  pg: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${env:PG_PASSWORD}"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                %s
                %s
                """.formatted(pg.host(), pg.port(), db.postgres(), pg.user(), ch.httpUrl(), db.clickhouse(), ch.user(),
                extraConnections.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n"), pipelines);
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, env);
    }

    FerryConfig config() throws IOException {
        return config("", "");
    }

    TaskContext context(FerryConfig config) {
        return new TaskContext("dag", "run-1", "task", 1, Instant.parse("2026-01-31T00:00:00Z"), values, log,
                name -> Optional.ofNullable(config.connections().get(name)).orElseThrow(() ->
                        new FerryException("no connection '" + name + "' in " + config.file())),
                Optional.of(config), dir, cancelled::get);
    }
}
