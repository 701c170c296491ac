package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.DagSet;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.DagStateStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry dags list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the DAGs of the DAG folder.")
public final class DagsListCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Override
    public Integer call() {
        try (Orchestrator orchestrator = options.open()) {
            DagSet set = orchestrator.dags();
            if (set.dags().isEmpty()) {
                System.out.println("no DAGs in " + orchestrator.config().orchestrator().dagsFolder());
            } else {
                System.out.printf("%-28s %-16s %-7s %-6s %-22s %-22s %s%n", "DAG", "SCHEDULE", "PAUSED", "TASKS",
                        "LAST RUN", "NEXT RUN", "TAGS");
            }
            for (Dag dag : set.dags().values()) {
                boolean paused = orchestrator.dagStates().state(dag.id()).map(DagStateStore.DagState::paused)
                        .orElse(dag.pausedOnCreation());
                List<DagRun> last = orchestrator.runs().runs(dag.id(), 1);
                String lastRun = last.isEmpty() ? "-" : last.get(0).state().label() + " " + Times.at(
                        last.get(0).logicalDate()).substring(0, 16);
                System.out.printf("%-28s %-16s %-7s %-6d %-22s %-22s %s%n", dag.id(),
                        dag.schedule().map(Object::toString).orElse("manual"), paused ? "yes" : "no",
                        dag.tasks().size(), lastRun, Times.at(orchestrator.nextFire(dag)),
                        String.join(",", dag.tags()));
            }
            if (!set.errors().isEmpty()) {
                System.out.println(set.errors().size() + " import error(s): see ferry dags list-import-errors");
            }
            return 0;
        }
    }
}
