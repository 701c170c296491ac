package dev.ferry.cli.connections;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry connections}: the connection registry, whose connections pipelines and DAGs use by name. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Named connections kept in the orchestrator store, passwords encrypted with a master key;"
                + " pipelines and DAGs use them by name.",
        subcommands = {AddConnectionCommand.class, ListConnectionsCommand.class, TestConnectionCommand.class,
                DeleteConnectionCommand.class, GenerateKeyCommand.class})
public final class ConnectionsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
