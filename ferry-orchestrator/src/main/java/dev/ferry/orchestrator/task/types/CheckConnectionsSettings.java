package dev.ferry.orchestrator.task.types;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@code type: check_connections} task as its DAG file declares it.
 *
 * @param connections the names to check; empty means every connection of the Ferry config
 * @param timeout     how long one connection may take to answer before it counts as unreachable
 */
public record CheckConnectionsSettings(List<String> connections, Duration timeout) {

    public CheckConnectionsSettings {
        connections = List.copyOf(connections);
        Objects.requireNonNull(timeout, "timeout");
    }
}
