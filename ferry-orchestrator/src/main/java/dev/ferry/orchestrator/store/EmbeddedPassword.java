package dev.ferry.orchestrator.store;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The embedded store's password: generated on first use and kept owner-only next to the store, so only
 * processes of the user who owns the state directory can open the store, locally or through H2's
 * auto-server. Stores made before Ferry set one (user {@code ferry}, empty password) get it on next open.
 */
final class EmbeddedPassword {

    /** H2's "wrong user name or password". */
    private static final int WRONG_PASSWORD = 28000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPassword() {
    }

    /**
     * Reads the password, making it first if there is none. Two processes making it at once agree on one: the
     * file appears whole (written aside, then linked into place, which fails if it exists).
     */
    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Path aside = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(aside, password, StandardCharsets.US_ASCII);
            Files.createLink(file, aside);
            return password;
        } catch (FileAlreadyExistsException other) {
            return read(file);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new FerryException("the orchestrator store's password file " + file + " is empty; if the store"
                    + " never had a password, delete the file and Ferry makes a new one");
        }
        return password;
    }

    /**
     * Gives a store made before passwords its password. Opening with the empty one fails once any process set
     * it, which is the usual case: nothing to do then.
     */
    static void setIfStillEmpty(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            // generated hex: nothing to escape
            statement.execute("ALTER USER " + user + " SET PASSWORD '" + password + "'");
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_PASSWORD) {
                throw new FerryException("cannot open the orchestrator store " + url + " to set its password: "
                        + e.getMessage(), e);
            }
        }
    }
}
