package dev.ferry.cli.dags;

import dev.ferry.core.config.ConfigProblem;
import dev.ferry.orchestrator.dag.DagFolder;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.dag.DagSet;
import dev.ferry.orchestrator.task.TaskTypes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry dags list-import-errors}: reads the folder itself, so it works without a store or scheduler. */
@Command(name = "list-import-errors", mixinStandardHelpOptions = true,
        description = "Show what is wrong with DAG files that cannot be read, with file and line. "
                + "Exit 0 when there is nothing wrong, 1 otherwise (usable as a CI check).")
public final class DagsImportErrorsCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Override
    public Integer call() {
        var config = options.loadConfig();
        DagSet set = new DagFolder(config.orchestrator().dagsFolder(), new DagParser(TaskTypes.standard())).load();
        if (set.errors().isEmpty()) {
            System.out.println("no import errors (" + set.dags().size() + " DAG(s) in "
                    + config.orchestrator().dagsFolder() + ")");
            return 0;
        }
        for (ConfigProblem problem : set.errors()) {
            System.out.println(problem);
        }
        return 1;
    }
}
