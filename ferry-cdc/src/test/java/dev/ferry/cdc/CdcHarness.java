package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One CDC pipeline of a test on the real servers: its config, a ClickHouse gateway on its target database,
 * and the wait until {@code ferry validate}'s comparison finds every table equal.
 */
final class CdcHarness implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(90);

    final SourceDb source;
    final ClickHouseGateway clickhouse;
    final FerryConfig config;
    private final TestDatabases db;

    /** @param selection the pipeline's table selection, e.g. {@code include: ["public.*"]} */
    CdcHarness(TestDatabases db, SourceDb.Kind kind, Path dir, String selection) throws Exception {
        this.db = db;
        this.source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, %s}
                    target: {connection: ch}
                    mode: cdc
                    batch: {interval: 200ms}
                state_dir: %s
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), selection, dir.resolve("state")));
        this.config = ConfigLoader.load(file, Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD",
                ch.password()));
        this.clickhouse = new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(),
                ch.password()));
    }

    PipelineConfig pipeline() {
        return config.requirePipeline(db.name());
    }

    CdcRunner start() {
        CdcRunner runner = new CdcRunner(config, pipeline());
        runner.start();
        return runner;
    }

    /** Waits until every table of the pipeline validates equal, failing on the runner's failure or timeout. */
    void awaitEqual(CdcRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<TableValidation> last = List.of();
        RuntimeException error = null;
        while (System.nanoTime() < deadline) {
            assertThat(runner.failure()).as(() -> causes(runner.failure())).isNull();
            if (runner.snapshotDone()) {
                try {
                    last = new Validator(config, pipeline()).run(null, t -> { });
                    error = null;
                    if (last.stream().allMatch(TableValidation::equal)) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    error = notYet; // e.g. a column the source has and ClickHouse does not have yet
                }
            }
            Thread.sleep(300);
        }
        RuntimeException lastError = error;
        assertThat(lastError).as(() -> causes(lastError)).isNull();
        assertThat(last).as("validation after %s; dead letters: %s", WAIT, deadLetters())
                .allMatch(TableValidation::equal);
    }

    List<List<String>> deadLetters() {
        return clickhouse.queryAll("SELECT source_table, row_key, payload, error FROM _ferry_dead_letters");
    }

    void dropSlot() throws Exception {
        source.dropSlot(PostgresCdcSource.slotName(db.name()));
    }

    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            dropSlot();
        } finally {
            clickhouse.close();
        }
    }
}
