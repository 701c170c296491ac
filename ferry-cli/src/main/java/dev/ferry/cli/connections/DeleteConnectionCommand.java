package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry connections delete}: removes a connection; needs no master key. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a connection from the registry (needs no master key).")
public final class DeleteConnectionCommand implements Callable<Integer> {

    @Mixin
    RegistryOptions registryOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection to delete.")
    String name;

    @Override
    public Integer call() {
        try (RegistryOptions.OpenRegistry open = registryOptions.open()) {
            if (!open.registry().delete(name)) {
                throw new FerryException("no connection '" + name + "' in " + open.registry().description());
            }
            System.out.println("deleted connection '" + name + "' from " + open.registry().description());
        }
        return 0;
    }
}
