package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.store.DagRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry dags runs}. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs of a DAG, newest first.")
public final class DagsRunsCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Option(names = "--limit", defaultValue = "20", description = "Runs to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            List<DagRun> runs = orchestrator.runs().runs(dagId, limit);
            if (runs.isEmpty()) {
                System.out.println("DAG '" + dagId + "' has no runs");
                return 0;
            }
            System.out.printf("%-48s %-10s %-10s %-21s %-21s %s%n", "RUN", "TYPE", "STATE", "LOGICAL DATE", "STARTED",
                    "DURATION");
            for (DagRun run : runs) {
                System.out.printf("%-48s %-10s %-10s %-21s %-21s %s%n", run.runId(), run.runType(), run.state().label(),
                        Times.at(run.logicalDate()), Times.at(run.startedAt()),
                        Times.between(run.startedAt(), run.endedAt()));
            }
            return 0;
        }
    }
}
