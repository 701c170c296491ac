package dev.ferry.cli.dags;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.store.DagRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry dags state}. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Show the state of a run and of each of its tasks (the newest run when RUN_ID is left out).")
public final class DagsStateCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Parameters(index = "1", paramLabel = "RUN_ID", arity = "0..1")
    String runId;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            DagRun run = find(orchestrator, dagId, runId);
            RunPrinter.print(System.out, run, orchestrator.dags().get(dagId), orchestrator.runs().tasks(run.runId()));
            return 0;
        }
    }

    /** The run, or the DAG's newest when {@code runId} is null, with errors that say what exists. */
    static DagRun find(Orchestrator orchestrator, String dagId, String runId) {
        if (runId == null) {
            return orchestrator.runs().runs(dagId, 1).stream().findFirst().orElseThrow(() ->
                    new FerryException("DAG '" + dagId + "' has no runs yet; start one with ferry dags trigger "
                            + dagId));
        }
        DagRun run = orchestrator.runs().run(runId).orElseThrow(() -> new FerryException("no run '" + runId
                + "'; list the runs with ferry dags runs " + dagId));
        if (!run.dagId().equals(dagId)) {
            throw new FerryException("run '" + runId + "' belongs to DAG '" + run.dagId() + "', not '" + dagId + "'");
        }
        return run;
    }
}
