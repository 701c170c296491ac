package dev.ferry.cli.dags;

import picocli.CommandLine.Command;

/** {@code ferry dags ...}, after Airflow's commands of the same names. */
@Command(name = "dags", mixinStandardHelpOptions = true,
        description = "List, trigger, test, pause and inspect DAGs (YAML files in the DAG folder).",
        subcommands = {DagsListCommand.class, DagsImportErrorsCommand.class, DagsTriggerCommand.class,
                DagsTestCommand.class, DagsStateCommand.class, DagsRunsCommand.class, DagsPauseCommand.class,
                DagsUnpauseCommand.class, DagsCancelCommand.class})
public final class DagsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
