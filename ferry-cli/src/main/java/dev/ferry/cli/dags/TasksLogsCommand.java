package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.store.RunStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry tasks logs}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the log of a task of a run (every attempt, or one with --try); the newest run when "
                + "--run is left out.")
public final class TasksLogsCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Parameters(index = "1", paramLabel = "TASK")
    String taskId;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run (default: the newest).")
    String runId;

    @Option(names = "--try", paramLabel = "N", defaultValue = "0", description = "Only this attempt.")
    int tryNumber;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            DagRun run = DagsStateCommand.find(orchestrator, dagId, runId);
            List<RunStore.Attempt> attempts = orchestrator.runs().attempts(run.runId(), taskId);
            List<LogStore.LogLine> lines = orchestrator.logs().lines(run.runId(), taskId, tryNumber);
            if (lines.isEmpty()) {
                System.out.println("no log lines for task " + taskId + " of run " + run.runId()
                        + (attempts.isEmpty() ? " (it has not run)" : ""));
                return 0;
            }
            int current = -1;
            for (LogStore.LogLine line : lines) {
                if (line.tryNumber() != current) {
                    current = line.tryNumber();
                    int shown = current;
                    String outcome = attempts.stream().filter(a -> a.tryNumber() == shown).findFirst()
                            .map(a -> a.state().label() + " on " + a.worker()).orElse("");
                    System.out.println("--- " + run.runId() + " " + taskId + " attempt " + current + " " + outcome);
                }
                System.out.println(Times.at(line.at()) + " " + line.level() + " " + line.message());
            }
            return 0;
        }
    }
}
