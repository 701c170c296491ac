package dev.ferry.cli.sync;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.orchestrator.connections.RegistryDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --pipeline}, shared by the commands that work on pipelines. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:FERRY_CONFIG:-ferry.yaml}",
            description = "Pipeline config file (default: $FERRY_CONFIG or ferry.yaml).")
    Path config;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline to run (default: all).")
    String pipeline;

    /**
     * Pipelines may name connections of the connection registry; the registry (and its master key) is looked
     * at only when one names a connection the file does not declare and the config has an orchestrator store.
     */
    public FerryConfig load() {
        Map<String, String> env = System.getenv();
        return ConfigLoader.load(config, env, RegistryDirectory.source(env));
    }

    public List<PipelineConfig> pipelines(FerryConfig loaded) {
        return pipeline == null ? loaded.pipelines() : List.of(loaded.requirePipeline(pipeline));
    }

    /**
     * The pipelines a command runs: the one named, or all of the given modes. Pipelines of other modes are
     * named on stdout with the command that runs them, so a config mixing modes works without --pipeline.
     */
    public List<PipelineConfig> pipelines(FerryConfig loaded, java.util.Set<dev.ferry.core.config.SyncMode> modes) {
        if (pipeline != null) {
            return List.of(loaded.requirePipeline(pipeline));
        }
        List<PipelineConfig> chosen = new java.util.ArrayList<>();
        for (PipelineConfig each : loaded.pipelines()) {
            if (modes.contains(each.mode())) {
                chosen.add(each);
            } else {
                System.out.println("pipeline " + each.name() + ": skipped (mode " + each.mode().name()
                        .toLowerCase(java.util.Locale.ROOT) + "; run it with ferry "
                        + (each.mode() == dev.ferry.core.config.SyncMode.CDC ? "cdc" : "stream") + " --pipeline "
                        + each.name() + ")");
            }
        }
        return chosen;
    }

    /** The one pipeline of {@code mode} a long-running command ({@code ferry cdc}, {@code ferry stream}) runs. */
    public PipelineConfig single(FerryConfig loaded, dev.ferry.core.config.SyncMode mode) {
        String label = mode.name().toLowerCase(java.util.Locale.ROOT);
        var pipelines = pipelines(loaded).stream().filter(p -> p.mode() == mode).toList();
        if (pipelines.size() != 1) {
            throw new dev.ferry.core.FerryException("ferry " + label + " runs one pipeline in mode: " + label
                    + "; choose it with --pipeline (" + label + " pipelines in " + loaded.file() + ": "
                    + loaded.pipelines().stream().filter(p -> p.mode() == mode).map(PipelineConfig::name).toList()
                    + ")");
        }
        return pipelines.get(0);
    }
}
