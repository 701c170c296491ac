package dev.ferry.orchestrator.connections;

import java.util.Objects;

/**
 * A value encrypted under a master key.
 *
 * @param keyId the id of the master key it was sealed with
 * @param text  base64 of the 12-byte nonce, the ciphertext and the 16-byte GCM tag
 */
public record Sealed(String keyId, String text) {

    public Sealed {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(text, "text");
    }
}
