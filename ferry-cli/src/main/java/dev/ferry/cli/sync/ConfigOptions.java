package dev.ferry.cli.sync;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --pipeline}, shared by the commands that work on pipelines. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:FERRY_CONFIG:-ferry.yaml}",
            description = "Pipeline config file (default: $FERRY_CONFIG or ferry.yaml).")
    Path config;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline to run (default: all).")
    String pipeline;

    public FerryConfig load() {
        return ConfigLoader.load(config);
    }

    public List<PipelineConfig> pipelines(FerryConfig loaded) {
        return pipeline == null ? loaded.pipelines() : List.of(loaded.requirePipeline(pipeline));
    }
}
