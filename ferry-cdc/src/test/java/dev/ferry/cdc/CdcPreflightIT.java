package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL source that cannot feed the stream is refused up front, with what to change. */
@FerryIntegrationTest
class CdcPreflightIT {

    @TempDir
    Path dir;

    @Test
    void patternPipelineWithoutAllTablesPublicationAndReplicaIdentityNothingAreReported(TestDatabases db)
            throws Exception {
        SourceDb source = new SourceDb(db, SourceDb.Kind.POSTGRES);
        ServerEndpoint ch = db.stack().clickhouse();
        source.execute("CREATE TABLE events (id int PRIMARY KEY, v text)", "ALTER TABLE events REPLICA IDENTITY NOTHING");
        Files.writeString(dir.resolve("ferry.yaml"), """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, include: ["public.*"]}
                    target: {connection: ch}
                    mode: cdc
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name()));
        FerryConfig config = ConfigLoader.load(dir.resolve("ferry.yaml"),
                Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD", ch.password()));
        try (CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
            assertThatThrownBy(runner::start).isInstanceOf(FerryException.class)
                    .hasMessageContaining("is not ready for CDC")
                    .hasMessageContaining("CREATE PUBLICATION ferry_" + db.name() + " FOR ALL TABLES")
                    .hasMessageContaining("ALTER TABLE public.events REPLICA IDENTITY DEFAULT")
                    .hasMessageNotContaining(source.server().password());
        }
    }
}
