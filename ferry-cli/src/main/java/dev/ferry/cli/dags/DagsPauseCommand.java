package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry dags pause}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop scheduling a DAG: no new scheduled runs, queued runs wait; running ones finish.")
public final class DagsPauseCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            orchestrator.setPaused(dagId, true);
            System.out.println("DAG " + dagId + " paused");
            return 0;
        }
    }
}
