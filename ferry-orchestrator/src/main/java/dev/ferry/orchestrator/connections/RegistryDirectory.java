package dev.ferry.orchestrator.connections;

import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionDirectory;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.orchestrator.store.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The connection registry as the directory config files draw on for connections they do not declare. */
public final class RegistryDirectory implements ConnectionDirectory {

    private final ConnectionRegistry registry;
    /** The store this directory opened itself and so closes; null when the caller owns it. */
    private final MetadataStore ownStore;

    /** Over a registry whose store the caller keeps open (a scheduler's). */
    public RegistryDirectory(ConnectionRegistry registry) {
        this(registry, null);
    }

    private RegistryDirectory(ConnectionRegistry registry, MetadataStore ownStore) {
        this.registry = registry;
        this.ownStore = ownStore;
    }

    /**
     * For {@link dev.ferry.core.config.ConfigLoader#load(java.nio.file.Path, Map, ConnectionDirectory.Source)}:
     * opens the metadata store of the config being read, if it has one (a PostgreSQL store, or an embedded
     * one made before), and closes it again when the config is loaded. No store means no registry, and the
     * config's messages stay those of a plain file.
     *
     * @param env where {@code FERRY_MASTER_KEY} and {@code FERRY_MASTER_KEY_FILE} are looked up
     */
    public static ConnectionDirectory.Source source(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return settings -> {
            if (!MetadataStore.exists(settings)) {
                return Optional.empty();
            }
            MetadataStore store = MetadataStore.open(settings);
            return Optional.of(new RegistryDirectory(ConnectionRegistry.of(store, settings, copy), store));
        };
    }

    @Override
    public Optional<ConnectionConfig> find(String name) {
        return registry.find(name);
    }

    @Override
    public Map<String, ConnectionType> types() {
        Map<String, ConnectionType> types = new LinkedHashMap<>();
        registry.list().forEach(connection -> types.put(connection.name(), connection.type()));
        return types;
    }

    @Override
    public String description() {
        return registry.description();
    }

    @Override
    public void close() {
        if (ownStore != null) {
            ownStore.close();
        }
    }
}
