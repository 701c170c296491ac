package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.TaskDefinition;
import dev.ferry.orchestrator.run.Durations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry tasks list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the tasks of a DAG in dependency order, with their type, upstream tasks and retries.")
public final class TasksListCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            Dag dag = orchestrator.dag(dagId);
            System.out.printf("%-28s %-18s %-8s %-9s %s%n", "TASK", "TYPE", "RETRIES", "TIMEOUT", "DEPENDS ON");
            for (TaskDefinition task : dag.tasks()) {
                System.out.printf("%-28s %-18s %-8d %-9s %s%n", task.id(), task.type(), task.retry().retries(),
                        Durations.format(task.timeout()), task.dependsOn().isEmpty() ? "-"
                                : String.join(", ", task.dependsOn()));
            }
            return 0;
        }
    }
}
