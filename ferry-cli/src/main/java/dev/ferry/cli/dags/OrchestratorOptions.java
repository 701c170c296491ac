package dev.ferry.cli.dags;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.Orchestrator;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} for the orchestrator commands; the DAG folder and store come from the config. */
public final class OrchestratorOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:FERRY_CONFIG:-ferry.yaml}",
            description = "Config file naming the DAG folder and metadata store (default: $FERRY_CONFIG or ferry.yaml).")
    Path config;

    public FerryConfig loadConfig() {
        return ConfigLoader.load(config);
    }

    public Orchestrator open() {
        return Orchestrator.open(loadConfig(), null);
    }
}
