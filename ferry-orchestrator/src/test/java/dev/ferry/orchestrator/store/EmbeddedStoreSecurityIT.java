package dev.ferry.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's H2 auto-server (which lets CLI commands read the store a scheduler holds open) answers
 * on loopback only and wants a password; its files are the owner's alone. Real H2 files and sockets.
 */
class EmbeddedStoreSecurityIT {

    @TempDir
    Path dir;

    /** This test opens H2 files directly too; H2 reads its bind address once per JVM, when first used. */
    @org.junit.jupiter.api.BeforeAll
    static void asFerryDoes() {
        MetadataStore.listenOnLoopbackOnly();
    }

    @Test
    void theAutoServerListensOnLoopbackOnlyWantsThePasswordAndTheFilesAreOwnerOnly() throws Exception {
        Path folder = dir.resolve("state/orchestrator");
        try (MetadataStore store = MetadataStore.embedded(folder)) {
            new LogStore(store).append("run", "task", 1, java.time.Instant.now(), "INFO", "a line");
            Properties lock = new Properties();
            try (Reader reader = Files.newBufferedReader(folder.resolve("metadata.lock.db"),
                    java.nio.charset.StandardCharsets.ISO_8859_1)) {
                lock.load(reader);
            }
            String server = lock.getProperty("server");
            assertThat(server).as(lock.toString()).isNotNull();
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as(server).isTrue();
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThat(answers(address, port)).as(address + ":" + port).isFalse();
            }
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "ferry", "").close())
                    .isInstanceOf(SQLException.class);
            String password = Files.readString(folder.resolve(MetadataStore.PASSWORD_FILE)).strip();
            try (Connection connection = DriverManager.getConnection(url, "ferry", password)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertOwnerOnly(folder);
    }

    @Test
    void aStoreMadeBeforePasswordsGetsOneAndKeepsItsData() throws Exception {
        Path folder = dir.resolve("orchestrator");
        Files.createDirectories(folder);
        // what Ferry made before: user ferry with an empty password
        try (Connection old = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("metadata")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;TRACE_LEVEL_FILE=0", "ferry", "")) {
            old.createStatement().execute("CREATE SCHEMA earlier");
            old.createStatement().execute("CREATE TABLE earlier.kept (v INT)");
            old.createStatement().execute("INSERT INTO earlier.kept VALUES (7)");
        }
        try (MetadataStore store = MetadataStore.embedded(folder);
                Connection connection = store.dataSource().getConnection();
                var rs = connection.createStatement().executeQuery("SELECT v FROM earlier.kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("metadata")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;TRACE_LEVEL_FILE=0", "ferry", "").close()).isInstanceOf(SQLException.class);
        assertOwnerOnly(folder);
    }

    private static void assertOwnerOnly(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isUp();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
    }

    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
