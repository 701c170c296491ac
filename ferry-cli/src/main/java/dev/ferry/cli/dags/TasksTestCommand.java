package dev.ferry.cli.dags;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.dag.Dag;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry tasks test}: one task, once, here, ignoring its dependencies (as Airflow's command does). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run one task once, here and now, without its upstream tasks and without retries, printing "
                + "its log and output. Nothing is recorded in the run history.")
public final class TasksTestCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Parameters(index = "1", paramLabel = "TASK")
    String taskId;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Run parameter, overriding the DAG's default.")
    List<String> params;

    @Override
    public Integer call() throws InterruptedException {
        try (Orchestrator orchestrator = options.open()) {
            Dag dag = orchestrator.dag(dagId);
            if (dag.task(taskId).isEmpty()) {
                throw new FerryException("DAG '" + dagId + "' has no task '" + taskId + "'; tasks: " + String.join(
                        ", ", dag.tasks().stream().map(task -> task.id()).toList()));
            }
            return DagsTestCommand.runHere(orchestrator, dag, Params.parse(params), Optional.of(taskId), false);
        }
    }
}
