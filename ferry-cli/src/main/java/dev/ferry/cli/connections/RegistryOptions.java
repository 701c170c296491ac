package dev.ferry.cli.connections;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.connections.ConnectionRegistry;
import dev.ferry.orchestrator.store.MetadataStore;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config}, which says where the registry is (the orchestrator store) and where its key may be. */
public final class RegistryOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:FERRY_CONFIG:-ferry.yaml}",
            description = "Config file naming the orchestrator store (default: $FERRY_CONFIG or ferry.yaml).")
    Path config;

    /** The store and registry of the config, opened (the embedded store is made on first use). */
    OpenRegistry open() {
        Map<String, String> env = System.getenv();
        // settings only: a pipeline may already name the connection about to be added
        FerryConfig settings = ConfigLoader.loadSettings(config, env);
        MetadataStore store = MetadataStore.open(settings);
        return new OpenRegistry(settings, store, ConnectionRegistry.of(store, settings, env));
    }

    /** A registry and the store it lives in, closed together. */
    record OpenRegistry(FerryConfig settings, MetadataStore store, ConnectionRegistry registry)
            implements AutoCloseable {

        @Override
        public void close() {
            store.close();
        }
    }
}
