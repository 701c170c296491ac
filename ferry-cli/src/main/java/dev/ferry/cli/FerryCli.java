package dev.ferry.cli;

import dev.ferry.cli.cdc.CdcCommand;
import dev.ferry.cli.connections.ConnectionsCommand;
import dev.ferry.cli.dags.DagsCommand;
import dev.ferry.cli.dags.SchedulerCommand;
import dev.ferry.cli.dags.TasksCommand;
import dev.ferry.cli.demo.DemoCommand;
import dev.ferry.cli.local.LocalCommand;
import dev.ferry.cli.stream.StreamCommand;
import dev.ferry.cli.sync.SyncCommand;
import dev.ferry.cli.sync.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ferry} command. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Moves data into ClickHouse and keeps it moving.",
        subcommands = {DemoCommand.class, SyncCommand.class, CdcCommand.class, StreamCommand.class,
                ValidateCommand.class, DagsCommand.class, TasksCommand.class, SchedulerCommand.class,
                ConnectionsCommand.class, LocalCommand.class, CommandLine.HelpCommand.class})
public final class FerryCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // the binlog client logs through java.util.logging: route it to SLF4J, whose levels logback.xml sets
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        CommandLine cli = new CommandLine(new FerryCli());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
