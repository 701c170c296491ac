package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry dags unpause}. */
@Command(name = "unpause", mixinStandardHelpOptions = true,
        description = "Resume scheduling a DAG. Without catchup, intervals missed while paused are not run, except "
                + "the newest.")
public final class DagsUnpauseCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            orchestrator.setPaused(dagId, false);
            System.out.println("DAG " + dagId + " unpaused");
            return 0;
        }
    }
}
