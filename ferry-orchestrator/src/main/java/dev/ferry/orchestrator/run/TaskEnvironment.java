package dev.ferry.orchestrator.run;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskConnections;
import dev.ferry.orchestrator.task.TaskSecrets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What tasks of every run share: the Ferry config (pipelines, connections), the connection lookup (config,
 * then registry), the folder relative paths start from and the secrets tasks must not show.
 */
public record TaskEnvironment(Optional<FerryConfig> config, TaskConnections connections, Path workDir,
                              TaskSecrets secrets) {

    public TaskEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** An environment without secrets (tests, runs without a config). */
    public TaskEnvironment(Optional<FerryConfig> config, TaskConnections connections, Path workDir) {
        this(config, connections, workDir, TaskSecrets.none());
    }
}
