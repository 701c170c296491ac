package dev.ferry.cli.demo;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The example DAGs of {@code examples/dags}, shipped inside the CLI, installed into a demo's DAG folder. */
final class ExampleDags {

    /** The files of examples/dags; ExampleDagsTest keeps this list and the folder in step. */
    static final List<String> FILES = List.of("hw16_data_loading_pipeline.yaml", "data_sync_dag.yaml",
            "mysql_to_clickhouse_etl.yaml", "sensor_hourly_rollup.yaml");

    private ExampleDags() {
    }

    /** Copies every example into {@code folder}, replacing older copies (the demo owns that folder). */
    static Path install(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String name : FILES) {
                try (InputStream in = ExampleDags.class.getResourceAsStream("/examples/dags/" + name)) {
                    if (in == null) {
                        throw new FerryException("example DAG " + name + " is missing from this build of Ferry");
                    }
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new FerryException("cannot install the example DAGs into " + folder + ": " + e.getMessage(), e);
        }
    }
}
