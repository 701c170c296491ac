package dev.ferry.cli.dags;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.store.DagRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry dags cancel}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a queued or running run: running tasks are interrupted (shell commands killed), the "
                + "others will not start.")
public final class DagsCancelCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Parameters(index = "1", paramLabel = "RUN_ID")
    String runId;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            DagRun run = DagsStateCommand.find(orchestrator, dagId, runId);
            if (!orchestrator.runs().requestCancel(run.runId())) {
                throw new FerryException("run " + runId + " has already finished (" + run.state().label() + ")");
            }
            System.out.println("cancelling run " + runId + "; the scheduler running it stops its tasks within a"
                    + " poll interval");
            return 0;
        }
    }
}
