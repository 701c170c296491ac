package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.connections.ConnectionProbe;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.orchestrator.connections.RegistryConnections;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry connections test}: connects for real and says what answered. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Connect to a connection's server (the config file's own connections first, then the"
                + " registry's) and print its version, or why it failed.")
public final class TestConnectionCommand implements Callable<Integer> {

    @Mixin
    RegistryOptions registryOptions;

    /** Kafka's admin client retries an unreachable broker until its API timeout: keep that short. */
    static final java.time.Duration KAFKA_TIMEOUT = java.time.Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection to test.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        try (RegistryOptions.OpenRegistry open = registryOptions.open()) {
            boolean own = open.settings().connections().containsKey(name);
            ConnectionConfig connection = new RegistryConnections(open.settings(), open.registry()).get(name);
            String label = "connection '" + name + "' (" + connection.type().label() + ", "
                    + AddConnectionCommand.where(connection) + ", from "
                    + (own ? open.settings().file() : open.registry().description()) + ")";
            long started = System.nanoTime();
            String server;
            try {
                server = ConnectionProbe.probe(connection, KAFKA_TIMEOUT);
            } catch (FerryException e) {
                throw new FerryException(label + " failed: " + e.getMessage(), e);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println(label + " ok: " + server + " (" + millis + " ms)");
        }
        return 0;
    }
}
