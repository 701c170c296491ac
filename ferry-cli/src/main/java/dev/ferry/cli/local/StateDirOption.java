package dev.ferry.cli.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option shared by the local-stack commands. */
public final class StateDirOption {

    static final String ENV = "FERRY_LOCAL_DIR";

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the stack keeps data, logs, passwords and its state file "
                    + "(default: $" + ENV + " or .ferry/local).")
    Path stateDir;

    public Path resolve() {
        if (stateDir != null) {
            return stateDir;
        }
        String fromEnv = System.getenv(ENV);
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : ".ferry/local");
    }
}
