package dev.ferry.orchestrator.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskConnections;

/**
 * Connections for tasks: the config file's own first (the file is what a user reads and edits, so it wins),
 * then the registry. Only registry connections need the master key, and only when asked for.
 */
public final class RegistryConnections implements TaskConnections {

    private final FerryConfig config;
    private final ConnectionRegistry registry;
    /** Passwords of registry connections handed to tasks so far: what task output must mask from then on. */
    private final java.util.Set<String> handedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RegistryConnections(FerryConfig config, ConnectionRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public ConnectionConfig get(String name) {
        ConnectionConfig own = config.connections().get(name);
        if (own != null) {
            return own;
        }
        ConnectionConfig registered = registry.find(name).orElseThrow(() -> new FerryException("unknown connection '" + name + "': not in "
                + config.file() + " (" + (config.connections().isEmpty() ? "it defines none"
                        : "it defines " + String.join(", ", config.connections().keySet())) + ") nor in "
                + registry.description() + " (" + registry.names() + "); add it to one of them, e.g. with"
                + " ferry connections add " + name));
        if (!registered.password().isEmpty()) {
            handedOut.add(registered.password().reveal());
        }
        return registered;
    }

    /** The passwords of registry connections tasks have used. */
    public java.util.Set<String> passwordsHandedOut() {
        return java.util.Set.copyOf(handedOut);
    }
}
