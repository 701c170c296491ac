package dev.ferry.orchestrator.task;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What one attempt of a task gets to work with.
 *
 * @param values     what {@code {{ ... }}} references resolve against: params, ds, ts, run_id, tasks.&lt;id&gt;...
 * @param config     the Ferry config, for tasks that run pipelines; empty when DAGs run without one
 * @param workDir    where relative paths of shell commands and files start: the config's folder
 * @param cancellation true once the attempt timed out or its run was cancelled
 * @param secrets    what to mask in what the task prints, and the environment child processes start from
 * @param stringParams the run's params declared as strings, which SQL and shell commands must quote
 */
public record TaskContext(String dagId, String runId, String taskId, int tryNumber, Instant logicalDate,
                          Map<String, Object> values, TaskLog log, TaskConnections connections,
                          Optional<FerryConfig> config, Path workDir, BooleanSupplier cancellation,
                          TaskSecrets secrets, Set<String> stringParams) {

    public TaskContext {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(secrets, "secrets");
        stringParams = Set.copyOf(stringParams);
    }

    /** A context without secrets to keep (tests, runs without a config). */
    public TaskContext(String dagId, String runId, String taskId, int tryNumber, Instant logicalDate,
                       Map<String, Object> values, TaskLog log, TaskConnections connections,
                       Optional<FerryConfig> config, Path workDir, BooleanSupplier cancellation) {
        this(dagId, runId, taskId, tryNumber, logicalDate, values, log, connections, config, workDir, cancellation,
                TaskSecrets.none(), Set.of());
    }

    /** Renders the {@code {{ ... }}} references of one setting. */
    public String render(String template) {
        return Templates.render(template, values);
    }

    /**
     * Renders text that becomes SQL or a shell command, refusing a string param that is not quoted for it.
     *
     * @throws FerryException naming the param and the quoting to use
     */
    public String render(String template, TemplateQuoting where) {
        return Templates.render(template, values, where, stringParams);
    }

    /** The run's params, for tasks that hand them on another way (a shell task's environment). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> params() {
        return values.get("params") instanceof Map<?, ?> params ? (Map<String, Object>) params : Map.of();
    }

    public boolean cancelled() {
        return cancellation.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** The config, or an error saying this task type needs one. */
    public FerryConfig requireConfig() {
        return config.orElseThrow(() -> new FerryException("task '" + taskId + "' needs the Ferry config"
                + " (pipelines, connections); run it with --config"));
    }
}
