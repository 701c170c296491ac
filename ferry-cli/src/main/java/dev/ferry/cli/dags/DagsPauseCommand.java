package dev.ferry.cli.dags;

import picocli.CommandLine.Command;

/** {@code ferry dags pause}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop scheduling a DAG: no new scheduled runs, queued runs wait; running ones finish.")
public final class DagsPauseCommand extends DagPauseSwitch {

    public DagsPauseCommand() {
        super(true);
    }
}
