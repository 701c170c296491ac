package dev.ferry.orchestrator.connections;

import dev.ferry.core.config.ConnectionType;
import java.time.Instant;
import java.util.Objects;

/**
 * What the registry shows of a connection without its master key: where it points and who logs in, never
 * its password or options.
 *
 * @param port  0 for Kafka, whose {@code host} is the bootstrap server list
 * @param url   ClickHouse's HTTP base URL, Kafka's bootstrap servers; null for the others
 * @param keyId the id of the master key its secrets are encrypted with
 */
public record RegisteredConnection(String name, ConnectionType type, String host, int port, String database,
                                   String url, String user, String description, String keyId, Instant createdAt,
                                   Instant updatedAt) {

    public RegisteredConnection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** {@code host:port}, or the bootstrap servers of Kafka. */
    public String address() {
        return type == ConnectionType.KAFKA || port == 0 ? host : host + ":" + port;
    }
}
