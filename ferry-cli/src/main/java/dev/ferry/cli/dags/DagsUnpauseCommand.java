package dev.ferry.cli.dags;

import picocli.CommandLine.Command;

/** {@code ferry dags unpause}. */
@Command(name = "unpause", mixinStandardHelpOptions = true,
        description = "Resume scheduling a DAG. Without catchup, intervals missed while paused are not run, except "
                + "the newest.")
public final class DagsUnpauseCommand extends DagPauseSwitch {

    public DagsUnpauseCommand() {
        super(false);
    }
}
