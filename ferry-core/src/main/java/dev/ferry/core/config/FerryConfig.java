package dev.ferry.core.config;

import dev.ferry.core.FerryException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A loaded, valid config file. Connections keep the order of the file so listings match what users wrote.
 *
 * @param file     the config file, absolute
 * @param stateDir where Ferry keeps its state (cursor positions, run history), absolute
 * @param orchestrator DAG folder and metadata store; defaults when the file has no such section
 */
public record FerryConfig(Path file, Path stateDir, Map<String, ConnectionConfig> connections,
                          List<PipelineConfig> pipelines, OrchestratorConfig orchestrator) {

    public FerryConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stateDir, "stateDir");
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        pipelines = List.copyOf(pipelines);
        Objects.requireNonNull(orchestrator, "orchestrator");
    }

    /** Every secret the config resolved: connection passwords and the registry's master key. */
    public List<Secret> secrets() {
        List<Secret> secrets = new java.util.ArrayList<>();
        connections.values().forEach(connection -> secrets.add(connection.password()));
        orchestrator.masterKey().ifPresent(secrets::add);
        secrets.removeIf(Secret::isEmpty);
        return List.copyOf(secrets);
    }

    public Optional<PipelineConfig> pipeline(String name) {
        return pipelines.stream().filter(pipeline -> pipeline.name().equals(name)).findFirst();
    }

    /** The named pipeline, or a user-facing error listing the ones there are. */
    public PipelineConfig requirePipeline(String name) {
        return pipeline(name).orElseThrow(() -> new FerryException("no pipeline '" + name + "' in " + file
                + "; pipelines: " + (pipelines.isEmpty() ? "(none)"
                        : pipelines.stream().map(PipelineConfig::name).collect(Collectors.joining(", ")))));
    }
}
