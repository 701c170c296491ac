package dev.ferry.orchestrator.connections;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM from the JDK: confidentiality and integrity in one, so a changed ciphertext is refused rather
 * than decrypted to garbage. Each value gets a fresh random 12-byte nonce (never reused under one key, which
 * GCM requires); the associated data ties a ciphertext to what it belongs to, so it cannot be moved
 * elsewhere and still open.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    public MasterKey key() {
        return key;
    }

    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new Sealed(key.id(), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e.getMessage(), e);
        }
    }

    /**
     * @throws OpenFailure saying whether the key is another one (by id) or the value does not match its
     *                     associated data or is damaged
     */
    public byte[] open(Sealed sealed, byte[] associatedData) throws OpenFailure {
        if (!sealed.keyId().equals(key.id())) {
            throw new OpenFailure(OpenFailure.Reason.OTHER_KEY, sealed.keyId(), key.id());
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.text());
        } catch (IllegalArgumentException notBase64) {
            throw new OpenFailure(OpenFailure.Reason.DAMAGED, sealed.keyId(), key.id());
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new OpenFailure(OpenFailure.Reason.DAMAGED, sealed.keyId(), key.id());
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new OpenFailure(OpenFailure.Reason.DAMAGED, sealed.keyId(), key.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e.getMessage(), e);
        }
    }

    /** Why a value did not open; the caller knows what the value was and says so. */
    public static final class OpenFailure extends Exception {

        private static final long serialVersionUID = 1L;

        public enum Reason {
            /** Sealed under another master key (ids differ): the value is fine, the key is not. */
            OTHER_KEY,
            /** Same key, but the tag does not match: the value or its associated data was changed. */
            DAMAGED
        }

        private final Reason reason;
        private final String sealedWith;
        private final String current;

        OpenFailure(Reason reason, String sealedWith, String current) {
            super(reason + " (sealed with key id " + sealedWith + ", current key id " + current + ")");
            this.reason = reason;
            this.sealedWith = sealedWith;
            this.current = current;
        }

        public Reason reason() {
            return reason;
        }

        public String sealedWith() {
            return sealedWith;
        }

        public String current() {
            return current;
        }
    }
}
