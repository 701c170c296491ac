package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL via initdb and pg_ctl, set up for logical replication ({@code wal_level=logical}) with a
 * {@code ferry} role that may log in, replicate and create databases. PostgreSQL refuses to run as root,
 * so under root every server command runs as the {@code postgres} system user.
 */
final class PostgresLocalService implements LocalService {

    static final String NAME = "postgres";
    static final String USER = "ferry";
    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Pattern ERROR = Pattern.compile("(FATAL|PANIC|ERROR|could not)");

    private final Map<String, String> env;

    PostgresLocalService(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceState start(StackLayout layout, ServiceState previous, Integer requestedPort) {
        Path pgCtl = Binaries.find(env, "FERRY_PG_CTL", List.of("pg_ctl"), debianBinDirs(), "postgresql");
        Path initdb = pgCtl.resolveSibling("initdb");
        Path dir = previous != null && previous.dataDir() != null ? previous.dataDir().getParent()
                : serverDir(layout);
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgresql.log");
        int port = Ports.choose(NAME, HOST, requestedPort, previous == null ? null : previous.port());
        String password = Passwords.loadOrCreate(layout.passwordFile(NAME));
        String superPassword = Passwords.loadOrCreate(layout.passwordFile(NAME + "-superuser"));
        try {
            Files.createDirectories(dir);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initialise(initdb, dir, data, superPassword);
            }
            Files.writeString(data.resolve("ferry.conf"), serverSettings(port));
            Files.writeString(data.resolve("pg_hba.conf"), """
                    # written by ferry local: password logins over loopback only
                    local   all          all                  scram-sha-256
                    host    all          all   127.0.0.1/32   scram-sha-256
                    host    all          all   ::1/128        scram-sha-256
                    host    replication  all   127.0.0.1/32   scram-sha-256
                    host    replication  all   ::1/128        scram-sha-256
                    """);
            chownToServerUser(dir);
        } catch (IOException e) {
            throw new FerryException("cannot prepare PostgreSQL directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            Processes.run(Processes.asUser(OS_USER, List.of(pgCtl.toString(), "-D", data.toString(), "-l",
                    log.toString(), "-w", "-t", "60", "start")), Duration.ofSeconds(90), dir);
        } catch (FerryException e) {
            throw new FerryException("postgres failed to start: " + Readiness.reason(log, ERROR) + " (log: " + log
                    + ")", e);
        }
        long pid = Processes.readPidFile(data.resolve("postmaster.pid"))
                .orElseThrow(() -> new FerryException("postgres started but wrote no postmaster.pid in " + data));
        String version = bootstrapRole(port, superPassword, password);
        return new ServiceState(NAME, HOST, port, Map.of(), USER, layout.passwordFile(NAME), pid, data, log, version);
    }

    private void initialise(Path initdb, Path dir, Path data, String superPassword) throws IOException {
        Path pwFile = dir.resolve(".initdb-password");
        Files.writeString(pwFile, superPassword);
        chownToServerUser(dir);
        try {
            Processes.run(Processes.asUser(OS_USER, List.of(initdb.toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C")),
                    Duration.ofMinutes(2), dir);
        } finally {
            Files.deleteIfExists(pwFile);
        }
        Files.writeString(data.resolve("postgresql.conf"), "\ninclude 'ferry.conf'\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static String serverSettings(int port) {
        return """
                # written by ferry local at every start
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                wal_level = logical
                max_wal_senders = 10
                max_replication_slots = 10
                max_connections = 200
                shared_buffers = 256MB
                timezone = 'UTC'
                log_timezone = 'UTC'
                """.formatted(port);
    }

    /** Creates or updates the {@code ferry} role and database; returns the server version. */
    private static String bootstrapRole(int port, String superPassword, String password) {
        String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        try (Connection conn = Jdbc.connect(url, SUPERUSER, superPassword); Statement st = conn.createStatement()) {
            boolean exists;
            try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, USER);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            String verb = exists ? "ALTER" : "CREATE";
            st.execute(verb + " ROLE " + USER + " WITH LOGIN REPLICATION CREATEDB");
            // the driver sends the password SCRAM-hashed: a plain PASSWORD '...' would reach the server log
            // whenever statements are logged (log_statement, or the statement of an error)
            conn.unwrap(org.postgresql.PGConnection.class).alterUserPassword(USER, password.toCharArray(),
                    "scram-sha-256");
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + USER + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + USER + " OWNER " + USER);
                }
            }
            try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new FerryException("postgres started but the ferry role could not be set up: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean answers(ServiceState state) {
        return isOwnProcessAlive(state) && Jdbc.canConnect(
                "jdbc:postgresql://" + state.host() + ":" + state.port() + "/" + USER, state.user(),
                Passwords.read(state.passwordFile()));
    }

    @Override
    public boolean isOwnProcessAlive(ServiceState state) {
        return Processes.isOurs(state.pid(), state.dataDir().toString());
    }

    @Override
    public void stop(ServiceState state) {
        if (!isOwnProcessAlive(state)) {
            return;
        }
        try {
            Path pgCtl = Binaries.find(env, "FERRY_PG_CTL", List.of("pg_ctl"), debianBinDirs(), "postgresql");
            Processes.run(Processes.asUser(OS_USER, List.of(pgCtl.toString(), "-D", state.dataDir().toString(),
                    "-m", "fast", "-w", "-t", "60", "stop")), Duration.ofSeconds(90), state.dataDir().getParent());
        } catch (FerryException e) {
            Processes.terminate(state.pid(), Duration.ofSeconds(30));
        }
    }

    /**
     * The server's own directory. Under root the {@code postgres} user must be able to reach it; when the
     * state directory lies somewhere it cannot (a home directory, say), the data goes under /var/tmp.
     */
    private static Path serverDir(StackLayout layout) {
        Path preferred = layout.serviceDir(NAME);
        if (!Processes.runningAsRoot() || reachableByServerUser(layout.stateDir())) {
            return preferred;
        }
        String hash = Passwords.sha256Hex(layout.stateDir().toString()).substring(0, 12);
        return Path.of("/var/tmp", "ferry-postgres-" + hash);
    }

    private static boolean reachableByServerUser(Path dir) {
        try {
            Processes.run(List.of("runuser", "-u", OS_USER, "--", "test", "-x", dir.toString()),
                    Duration.ofSeconds(10), null);
            return true;
        } catch (FerryException e) {
            return false;
        }
    }

    private static void chownToServerUser(Path dir) {
        if (Processes.runningAsRoot()) {
            Processes.run(List.of("chown", "-R", OS_USER + ":" + OS_USER, dir.toString()), Duration.ofSeconds(60),
                    null);
        }
    }

    /** Debian keeps server binaries under /usr/lib/postgresql/VERSION/bin; newest first. */
    private static List<String> debianBinDirs() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            List<String> dirs = new ArrayList<>();
            versions.sorted(Comparator.comparing((Path p) -> versionNumber(p.getFileName().toString())).reversed())
                    .forEach(p -> dirs.add(p.resolve("bin").toString()));
            return dirs;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
