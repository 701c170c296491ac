package dev.ferry.cli.dags;

import picocli.CommandLine.Command;

/** {@code ferry tasks ...}. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List, test and read the logs of DAG tasks.",
        subcommands = {TasksListCommand.class, TasksTestCommand.class, TasksLogsCommand.class})
public final class TasksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
