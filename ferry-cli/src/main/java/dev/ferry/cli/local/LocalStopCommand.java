package dev.ferry.cli.local;

import dev.ferry.local.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry local stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the local servers this stack started (data is kept).")
public final class LocalStopCommand implements Callable<Integer> {

    @Mixin
    StateDirOption stateDir;

    @Option(names = "--services", split = ",", paramLabel = "NAME", description = "Services to stop (default: all).")
    List<String> services = List.of();

    @Override
    public Integer call() {
        List<String> stopped = new LocalStack(stateDir.resolve()).stop(services,
                name -> System.out.printf("%-11s stopped%n", name));
        if (stopped.isEmpty()) {
            System.out.println("nothing was running");
        }
        return 0;
    }
}
