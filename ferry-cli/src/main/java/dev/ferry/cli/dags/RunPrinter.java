package dev.ferry.cli.dags;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.TaskDefinition;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.TaskInstance;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints a run and its tasks, in the DAG's task order. */
final class RunPrinter {

    private RunPrinter() {
    }

    static void print(PrintStream out, DagRun run, Optional<Dag> dag, List<TaskInstance> tasks) {
        out.printf("run %s of %s: %s (logical date %s, %s, took %s)%s%n", run.runId(), run.dagId(),
                run.state().label(), Times.at(run.logicalDate()), run.runType(),
                Times.between(run.startedAt(), run.endedAt()), run.cancelRequested() && !run.state().finished()
                        ? " — cancelling" : "");
        Map<String, TaskInstance> byId = tasks.stream().collect(Collectors.toMap(TaskInstance::taskId,
                Function.identity()));
        List<String> order = dag.map(d -> d.tasks().stream().map(TaskDefinition::id).toList())
                .orElse(tasks.stream().map(TaskInstance::taskId).sorted().toList());
        out.printf("  %-28s %-16s %-7s %-12s %s%n", "TASK", "STATE", "TRIES", "DURATION", "ERROR");
        for (String taskId : order) {
            TaskInstance task = byId.get(taskId);
            if (task == null) {
                continue;
            }
            out.printf("  %-28s %-16s %-7s %-12s %s%n", taskId, task.state().label(),
                    task.tryNumber() + "/" + task.maxTries(), Times.between(task.startedAt(), task.endedAt()),
                    task.error().map(RunPrinter::firstLine).orElse(""));
        }
    }

    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
