package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code ferry dags pause} and {@code unpause} share: they set a DAG's paused flag one way or the other. */
abstract class DagPauseSwitch implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    private final boolean paused;

    DagPauseSwitch(boolean paused) {
        this.paused = paused;
    }

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            orchestrator.setPaused(dagId, paused);
            System.out.println("DAG " + dagId + (paused ? " paused" : " unpaused"));
            return 0;
        }
    }
}
