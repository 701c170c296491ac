package dev.ferry.cli.local;

import picocli.CommandLine.Command;

/** {@code ferry local}: the development stack of real servers. */
@Command(name = "local", description = "Run a local stack of real servers (ClickHouse, PostgreSQL, MariaDB).",
        mixinStandardHelpOptions = true,
        subcommands = {LocalStartCommand.class, LocalStopCommand.class, LocalStatusCommand.class})
public final class LocalCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
