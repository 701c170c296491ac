package dev.ferry.orchestrator.dag;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One task of a DAG as its file declares it.
 *
 * @param settings the task type's own settings, as its {@link dev.ferry.orchestrator.task.TaskType} read them
 * @param line     where the task starts in the DAG file, for messages
 */
public record TaskDefinition(String id, String type, String description, List<String> dependsOn, TaskRetry retry,
                             Duration timeout, TriggerRule triggerRule, Object settings, int line) {

    public TaskDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(triggerRule, "triggerRule");
    }
}
