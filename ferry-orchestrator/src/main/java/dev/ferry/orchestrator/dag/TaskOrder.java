package dev.ferry.orchestrator.dag;

import dev.ferry.core.config.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks the dependencies of a DAG's tasks and puts the tasks in an order that respects them. */
final class TaskOrder {

    private TaskOrder() {
    }

    /** Reports unknown dependencies and cycles; the order is stable: file order wherever dependencies allow. */
    static List<TaskDefinition> sort(List<TaskDefinition> tasks, Problems problems) {
        Map<String, TaskDefinition> byId = new LinkedHashMap<>();
        tasks.forEach(task -> byId.put(task.id(), task));
        for (TaskDefinition task : tasks) {
            for (String upstream : task.dependsOn()) {
                if (!byId.containsKey(upstream)) {
                    problems.add(task.line(), task.id() + ".depends_on", "unknown task '" + upstream
                            + "'; tasks of this DAG: " + String.join(", ", byId.keySet()));
                } else if (upstream.equals(task.id())) {
                    problems.add(task.line(), task.id() + ".depends_on", "a task cannot depend on itself");
                }
            }
        }
        List<TaskDefinition> ordered = new ArrayList<>();
        List<TaskDefinition> remaining = new ArrayList<>(tasks);
        boolean progress = true;
        while (!remaining.isEmpty() && progress) {
            progress = false;
            for (TaskDefinition task : List.copyOf(remaining)) {
                boolean ready = task.dependsOn().stream().allMatch(upstream -> !byId.containsKey(upstream)
                        || ordered.stream().anyMatch(done -> done.id().equals(upstream)));
                if (ready) {
                    ordered.add(task);
                    remaining.remove(task);
                    progress = true;
                }
            }
        }
        if (!remaining.isEmpty()) {
            String cycle = remaining.stream().map(task -> task.id() + " (line " + task.line() + ")")
                    .collect(Collectors.joining(", "));
            problems.add(remaining.get(0).line(), "tasks", "dependency cycle among: " + cycle);
        }
        return ordered;
    }
}
