package dev.ferry.orchestrator.connections;

import dev.ferry.core.FerryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key that encrypts the secrets of registry connections. It lives outside the metadata store
 * (environment, a file, the config's {@code master_key} reference), so a copy of the store alone reveals no
 * password. Its {@link #id()} is stored beside every ciphertext so a wrong key is told apart from damage;
 * the id is a hash, from which the key cannot be recovered.
 */
public final class MasterKey {

    public static final int BYTES = 32;
    /** Keeps the id's hash apart from any other use of SHA-256 over the same key. */
    private static final byte[] ID_LABEL = "ferry master key id\0".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 8;

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.id = idOf(this.key);
    }

    /** A new random key, as {@code ferry connections generate-key} prints. */
    public static MasterKey generate() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return new MasterKey(key);
    }

    /**
     * @param source where the text came from, for messages ({@code FERRY_MASTER_KEY}); the text itself is
     *               never shown
     */
    public static MasterKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new FerryException(source + " is not a master key: expected base64 text (as ferry connections"
                    + " generate-key prints), but it is not valid base64");
        }
        try {
            if (key.length != BYTES) {
                throw new FerryException(source + " is not a master key: expected the base64 of " + BYTES
                        + " bytes (as ferry connections generate-key prints), got " + key.length + " bytes");
            }
            return new MasterKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Hex of the first 8 bytes of a labelled SHA-256 of the key: names the key, reveals nothing of it. */
    public String id() {
        return id;
    }

    /** The key as base64, for showing a freshly generated key to its owner once. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ID_LABEL);
            byte[] digest = sha256.digest(key);
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Shows the id only. */
    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }
}
