package dev.ferry.orchestrator.task;

import dev.ferry.orchestrator.task.types.CheckConnectionsTask;
import dev.ferry.orchestrator.task.types.HttpTask;
import dev.ferry.orchestrator.task.types.ShellTask;
import dev.ferry.orchestrator.task.types.SqlTask;
import dev.ferry.orchestrator.task.types.SyncTask;
import dev.ferry.orchestrator.task.types.ValidateTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The task types DAG files may use, by their {@code type:} name. */
public final class TaskTypes {

    private final Map<String, TaskType<?>> byName = new LinkedHashMap<>();

    public TaskTypes(List<TaskType<?>> types) {
        types.forEach(type -> byName.put(type.name(), type));
    }

    /** Every built-in type. */
    public static TaskTypes standard() {
        return new TaskTypes(List.of(new SqlTask(), new ValidateTask(), new CheckConnectionsTask(), new HttpTask(),
                new ShellTask(), new SyncTask()));
    }

    public Optional<TaskType<?>> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
