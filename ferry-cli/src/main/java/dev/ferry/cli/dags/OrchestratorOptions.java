package dev.ferry.cli.dags;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.connections.RegistryDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} for the orchestrator commands; the DAG folder and store come from the config. */
public final class OrchestratorOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:FERRY_CONFIG:-ferry.yaml}",
            description = "Config file naming the DAG folder and metadata store (default: $FERRY_CONFIG or ferry.yaml).")
    Path config;

    /** Pipelines may name connections of the registry, as with the other commands. */
    public FerryConfig loadConfig() {
        return ConfigLoader.load(config, System.getenv(), RegistryDirectory.source(System.getenv()));
    }

    public Orchestrator open() {
        return Orchestrator.open(loadConfig(), System.getenv());
    }
}
