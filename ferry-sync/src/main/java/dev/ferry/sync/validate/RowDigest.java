package dev.ferry.sync.validate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A 64-bit fingerprint of one encoded row (first 8 bytes of its MD5): equal rows, equal digests. */
final class RowDigest {

    private final MessageDigest md5;

    RowDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }

    long of(byte[] bytes, int from, int to) {
        md5.reset();
        md5.update(bytes, from, to - from);
        byte[] d = md5.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return v;
    }
}
