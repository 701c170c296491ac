package dev.ferry.orchestrator.task;

import dev.ferry.core.config.ConnectionConfig;

/** Finds connections by name: those of the config file first, then the connection registry. */
@FunctionalInterface
public interface TaskConnections {

    /** @throws dev.ferry.core.FerryException naming the connection and where Ferry looked */
    ConnectionConfig get(String name);
}
