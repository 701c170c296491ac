package dev.ferry.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cdc.ChangeCounts;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterWatchTest {

    @TempDir
    Path dir;

    @Test
    void warnsOncePerTableThatGoesOverItsLimit() throws Exception {
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  pg: {type: postgres, host: localhost, port: 5432, database: shop, user: ferry, password: "${env:P}"}
                  ch: {type: clickhouse, url: "http://localhost:8123", database: shop, user: ferry, password: "${env:P}"}
                pipelines:
                  - name: shop
                    mode: cdc
                    source: {connection: pg, tables: [public.orders, {name: public.notes, max_dead_letters: 10%}]}
                    target: {connection: ch, database: live}
                """);
        PipelineConfig pipeline = ConfigLoader.load(file, Map.of("P", "x")).requirePipeline("shop");
        DeadLetterWatch watch = new DeadLetterWatch(pipeline);
        ChangeCounts counts = new ChangeCounts();
        counts.applied("public.notes", 95, 5);
        assertThat(watch.newlyOver(counts)).as("5 of 100 is within 10%").isEmpty();

        counts.applied("public.orders", 1_000, 1);
        counts.loaded("public.notes", 0, 20);
        assertThat(watch.newlyOver(counts)).hasSize(2).anySatisfy(line -> assertThat(line).startsWith(
                "WARNING: public.orders has 1 dead letters of 1,001 rows read, over its max_dead_letters 0 (any dead "
                        + "letter fails the run)").contains("SELECT * FROM live._ferry_dead_letters WHERE "
                        + "source_table = 'public.orders'"))
                .anySatisfy(line -> assertThat(line).contains("public.notes has 25 dead letters of 120 rows read, "
                        + "over its max_dead_letters 10% of the rows read"));

        counts.applied("public.orders", 0, 3);
        assertThat(watch.newlyOver(counts)).as("said once").isEmpty();
        assertThat(watch.over()).containsExactlyInAnyOrder("public.orders", "public.notes");
    }
}
