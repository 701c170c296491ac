package dev.ferry.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.orchestrator.dag.DagFolder;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.dag.DagSet;
import dev.ferry.orchestrator.task.TaskTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleDagsTest {

    @Test
    void theShippedListMatchesTheExamplesFolder() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "examples", "dags"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    ExampleDags.FILES);
        }
    }

    @Test
    void everyExampleReadsWithoutImportErrors(@TempDir Path dir) {
        Path folder = ExampleDags.install(dir.resolve("dags"));
        DagSet set = new DagFolder(folder, new DagParser(TaskTypes.standard())).load();
        assertThat(set.errors()).isEmpty();
        assertThat(set.dags()).containsKeys("hw16_data_loading_pipeline", "data_sync_dag", "mysql_to_clickhouse_etl",
                "sensor_hourly_rollup");
        assertThat(set.dags().keySet()).containsAll(DagsDemo.DAGS);
    }
}
