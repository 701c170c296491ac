package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MariaDB (or MySQL) with the binary log on in ROW format and full row images, ready for CDC, and a
 * {@code ferry} user holding every privilege including replication.
 */
final class MariaDbLocalService implements LocalService {

    static final String NAME = "mariadb";
    static final String USER = "ferry";
    private static final String HOST = "127.0.0.1";
    private static final Pattern ERROR = Pattern.compile("(\\[ERROR\\]|Can't|Cannot|Fatal)");
    private static final int MAX_SOCKET_PATH = 100;

    private final Map<String, String> env;

    MariaDbLocalService(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceState start(StackLayout layout, ServiceState previous, Integer requestedPort) {
        Path server = Binaries.find(env, "FERRY_MARIADB_BIN", List.of("mariadbd", "mysqld"), List.of(),
                "mariadb-server");
        Path dir = layout.serviceDir(NAME);
        Path data = dir.resolve("data");
        Path errorLog = layout.logDir(NAME).resolve("error.log");
        int port = Ports.choose(NAME, HOST, requestedPort, previous == null ? null : previous.port());
        String password = Passwords.loadOrCreate(layout.passwordFile(NAME));
        String rootPassword = Passwords.loadOrCreate(layout.passwordFile(NAME + "-root"));
        Path bootstrapped = dir.resolve(".bootstrapped");
        try {
            Files.createDirectories(layout.logDir(NAME));
            if (!Files.isDirectory(data.resolve("mysql"))) {
                Files.deleteIfExists(bootstrapped);
                installDatabase(data, dir);
            }
        } catch (IOException e) {
            throw new FerryException("cannot prepare MariaDB directory " + dir + ": " + e.getMessage(), e);
        }
        Path pidFile = dir.resolve("mariadbd.pid");
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults",
                "--datadir=" + data, "--port=" + port, "--bind-address=" + HOST, "--socket=" + socketPath(dir),
                "--pid-file=" + pidFile, "--log-error=" + errorLog,
                "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1",
                "--binlog-expire-logs-seconds=259200",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=256M", "--max-connections=200",
                // a dev stack: trade crash-durability of the last second for much faster demo loads
                "--innodb-flush-log-at-trx-commit=2"));
        if (Processes.runningAsRoot()) {
            command.add("--user=root"); // mariadbd otherwise refuses to start as root
        }
        Process process = Processes.spawnDetached(command, layout.logDir(NAME).resolve("stdout.log"));
        String url = "jdbc:mariadb://" + HOST + ":" + port + "/";
        boolean firstStart = !Files.exists(bootstrapped);
        String probeUser = firstStart ? "root" : USER;
        String probePassword = firstStart ? "" : password;
        Readiness.await(NAME, process::isAlive, () -> Jdbc.canConnect(url, probeUser, probePassword),
                Duration.ofSeconds(60), errorLog, ERROR);
        String version;
        try (Connection conn = Jdbc.connect(url, probeUser, probePassword); Statement st = conn.createStatement()) {
            if (firstStart) {
                createUsers(st, password, rootPassword);
                Files.writeString(bootstrapped, "ok\n");
            }
            try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
            }
        } catch (SQLException | IOException e) {
            throw new FerryException("mariadb started but the ferry user could not be set up: " + e.getMessage(), e);
        }
        return new ServiceState(NAME, HOST, port, Map.of(), USER, layout.passwordFile(NAME), process.pid(), data,
                errorLog, version);
    }

    private void installDatabase(Path data, Path dir) {
        Path installer = Binaries.find(env, null, List.of("mariadb-install-db", "mysql_install_db"), List.of(),
                "mariadb-server");
        List<String> command = new ArrayList<>(List.of(installer.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (Processes.runningAsRoot()) {
            command.add("--user=root");
        }
        Processes.run(command, Duration.ofMinutes(2), dir);
    }

    private static void createUsers(Statement st, String password, String rootPassword) throws SQLException {
        // not into the binary log: the ferry user reads it (replication rights, for CDC), and these statements
        // hold passwords (MariaDB logs CREATE/ALTER USER ... IDENTIFIED BY as written). Session only.
        st.execute("SET SESSION sql_log_bin = 0");
        // passwords come from Passwords' quote-free alphabet, so inlining them is safe
        st.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + password + "'");
        st.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
        List<String> rootHosts = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT Host FROM mysql.user WHERE User = 'root'")) {
            while (rs.next()) {
                rootHosts.add(rs.getString(1));
            }
        }
        for (String host : rootHosts) {
            st.execute("ALTER USER 'root'@'" + host.replace("'", "''") + "' IDENTIFIED BY '" + rootPassword + "'");
        }
        st.execute("FLUSH PRIVILEGES");
    }

    /** Unix socket paths are limited to ~107 bytes; deep state directories fall back to /tmp. */
    private static Path socketPath(Path dir) {
        Path socket = dir.resolve("mariadb.sock");
        if (socket.toString().length() <= MAX_SOCKET_PATH) {
            return socket;
        }
        return Path.of(System.getProperty("java.io.tmpdir"),
                "ferry-mariadb-" + Passwords.sha256Hex(dir.toString()).substring(0, 12) + ".sock");
    }

    @Override
    public boolean answers(ServiceState state) {
        return isOwnProcessAlive(state) && Jdbc.canConnect("jdbc:mariadb://" + state.host() + ":" + state.port() + "/",
                state.user(), Passwords.read(state.passwordFile()));
    }

    @Override
    public boolean isOwnProcessAlive(ServiceState state) {
        return Processes.isOurs(state.pid(), state.dataDir().toString());
    }

    @Override
    public void stop(ServiceState state) {
        if (isOwnProcessAlive(state)) {
            Processes.terminate(state.pid(), Duration.ofSeconds(60));
        }
    }
}
