package dev.ferry.orchestrator.run;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskConnections;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What tasks of every run share: the Ferry config (pipelines, connections), the connection lookup (config,
 * then registry) and the folder relative paths start from.
 */
public record TaskEnvironment(Optional<FerryConfig> config, TaskConnections connections, Path workDir) {

    public TaskEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(workDir, "workDir");
    }
}
