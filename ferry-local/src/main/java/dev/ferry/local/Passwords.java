package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generated passwords of the local stack, kept in owner-only files and never printed. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Passwords() {
    }

    /** Reads the password in {@code file}, generating and storing one first if the file does not exist. */
    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            dev.ferry.core.files.OwnerOnly.createDirectories(file.getParent());
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password.toString(), StandardCharsets.UTF_8);
            return password.toString();
        } catch (IOException e) {
            throw new FerryException("cannot create password file " + file + ": " + e.getMessage(), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new FerryException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256Hex(String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
