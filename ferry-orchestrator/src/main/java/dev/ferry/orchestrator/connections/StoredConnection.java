package dev.ferry.orchestrator.connections;

import dev.ferry.core.config.ConnectionType;
import java.time.Instant;

/**
 * One row of the {@code connection} table as stored: secrets still sealed.
 *
 * @param passwordCipher null when the connection has no password
 * @param optionsCipher  the options as a sealed JSON object (they may hold secrets too: SASL, TLS passwords)
 */
record StoredConnection(String name, ConnectionType type, String host, int port, String database, String url,
                        String user, String keyId, String passwordCipher, String optionsCipher, String description,
                        long createdAt, long updatedAt) {

    RegisteredConnection registered() {
        return new RegisteredConnection(name, type, host, port, database, url, user, description, keyId,
                Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(updatedAt));
    }

    /** Leaves out the ciphertexts: useless to a reader, and no business of logs. */
    @Override
    public String toString() {
        return "StoredConnection[" + registered() + "]";
    }
}
