package dev.ferry.local;

import dev.ferry.core.http.ClickHouseHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and stops real servers in a private state directory; each test leaves nothing running. */
class LocalStackIT {

    @TempDir
    Path stateDir;

    private LocalStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.stop(List.of(), name -> { });
        }
    }

    @Test
    void startIsIdempotentAndStopOnlyStopsWhatItStarted() {
        stack = new LocalStack(stateDir);
        List<LocalStack.StartResult> first = stack.start(List.of(), Map.of(), r -> { });
        assertThat(first).extracting(LocalStack.StartResult::alreadyRunning).containsOnly(false);
        assertThat(stack.status()).extracting(ServiceStatus::state).containsOnly(ServiceStatus.State.RUNNING);
        assertThat(stack.status()).allSatisfy(s -> {
            assertThat(s.recorded().port()).isNotIn(8123, 9000, 5432, 3306);
            assertThat(s.recorded().user()).isEqualTo("ferry");
            assertThat(Files.isReadable(s.recorded().passwordFile())).isTrue();
        });

        List<LocalStack.StartResult> second = stack.start(List.of(), Map.of(), r -> { });
        assertThat(second).extracting(LocalStack.StartResult::alreadyRunning).containsOnly(true);
        assertThat(second).extracting(r -> r.state().pid())
                .containsExactlyElementsOf(first.stream().map(r -> r.state().pid()).toList());

        assertThat(stack.stop(List.of(), n -> { })).containsExactlyInAnyOrder("clickhouse", "postgres", "mariadb");
        assertThat(stack.status()).extracting(ServiceStatus::state).containsOnly(ServiceStatus.State.STOPPED);
        first.forEach(r -> assertThat(Processes.isAlive(r.state().pid())).isFalse());
        assertThat(stack.stop(List.of(), n -> { })).isEmpty();

        // a second round reuses the data directories and the ports of the first
        List<LocalStack.StartResult> again = stack.start(List.of(), Map.of(), r -> { });
        assertThat(again).extracting(LocalStack.StartResult::alreadyRunning).containsOnly(false);
        assertThat(again).extracting(r -> r.state().port())
                .containsExactlyElementsOf(first.stream().map(r -> r.state().port()).toList());
    }

    @Test
    void passwordFilesAreOwnerOnlyAndLoginsWork() throws Exception {
        stack = new LocalStack(stateDir);
        stack.start(List.of("clickhouse"), Map.of(), r -> { });
        ServiceState ch = stack.running("clickhouse");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ch.passwordFile())))
                .isEqualTo("rw-------");
        ClickHouseHttp good = new ClickHouseHttp(ch.host(), ch.port(), ch.user(), Passwords.read(ch.passwordFile()));
        assertThat(good.execute("SELECT 40 + 2").strip()).isEqualTo("42");
        ClickHouseHttp wrong = new ClickHouseHttp(ch.host(), ch.port(), ch.user(), "not-the-password");
        assertThatThrownBy(() -> wrong.execute("SELECT 1")).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("password"));
        ClickHouseHttp anonymous = new ClickHouseHttp(ch.host(), ch.port(), "default", "");
        assertThatThrownBy(() -> anonymous.execute("SELECT 1")).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("password"));
    }

    /**
     * The passwords a fresh stack sets reach neither MariaDB's binary log (which the ferry user, holding
     * replication rights, reads) nor PostgreSQL's server log; the state directory is the owner's alone.
     */
    @Test
    void passwordsStayOutOfBinaryLogAndServerLogsAndTheStateIsOwnerOnly() throws Exception {
        stack = new LocalStack(stateDir);
        stack.start(List.of("mariadb", "postgres"), Map.of(), r -> { });
        ServiceState maria = stack.running("mariadb");
        List<String> passwords = List.of(Passwords.read(maria.passwordFile()),
                Passwords.read(new StackLayout(stateDir).passwordFile("mariadb-root")),
                Passwords.read(stack.running("postgres").passwordFile()),
                Passwords.read(new StackLayout(stateDir).passwordFile("postgres-superuser")));
        StringBuilder events = new StringBuilder();
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:mariadb://" + maria.host() + ":"
                + maria.port() + "/", maria.user(), passwords.get(0));
                java.sql.Statement st = conn.createStatement()) {
            List<String> logs = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
                while (rs.next()) {
                    logs.add(rs.getString(1));
                }
            }
            assertThat(logs).isNotEmpty();
            for (String log : logs) {
                try (java.sql.ResultSet rs = st.executeQuery("SHOW BINLOG EVENTS IN '" + log + "'")) {
                    while (rs.next()) {
                        events.append(rs.getString("Info")).append('\n');
                    }
                }
            }
        }
        assertThat(events.toString()).doesNotContainIgnoringCase("IDENTIFIED");
        StringBuilder serverLogs = new StringBuilder();
        try (var files = Files.walk(stateDir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().contains("/log/") || file.toString().endsWith(".log")).toList()) {
                serverLogs.append(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (String password : passwords) {
            assertThat(events.toString()).doesNotContain(password);
            assertThat(serverLogs.toString()).doesNotContain(password);
        }
        // under root, PostgreSQL (run as the postgres user) must pass through the stack's folder to its own
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)))
                .isEqualTo(Processes.runningAsRoot() ? "rwx--x--x" : "rwx------");
        try (var paths = Files.list(stateDir)) {
            for (Path path : paths.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isIn("rwx------", "rw-------");
            }
        }
    }

    @Test
    void busyPortIsReportedInOneClearLine() throws IOException {
        stack = new LocalStack(stateDir);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> stack.start(List.of("postgres"), Map.of("postgres", port), r -> { }))
                    .isInstanceOf(FerryException.class)
                    .hasMessage("postgres cannot start: port " + port
                            + " on 127.0.0.1 is already in use; free it or pick another port");
        }
    }

    @Test
    void missingBinaryNamesThePackageToInstall() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", stateDir.toString());
        env.put(Binaries.DIRS_ENV, stateDir.toString());
        env.remove("FERRY_CLICKHOUSE_BIN");
        stack = new LocalStack(stateDir, env);
        assertThatThrownBy(() -> stack.start(List.of("clickhouse"), Map.of(), r -> { }))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("clickhouse-server not found")
                .hasMessageContaining("apt-get install -y clickhouse-server clickhouse-client");
    }

    @Test
    void corruptDataDirectoryFailsWithTheServersReason() throws IOException {
        stack = new LocalStack(stateDir);
        stack.start(List.of("mariadb"), Map.of(), r -> { });
        stack.stop(List.of("mariadb"), n -> { });
        // wreck the system tables: the server cannot open its privilege tables any more
        Path mysqlDir = stateDir.resolve("mariadb/data/mysql");
        try (var files = Files.list(mysqlDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("global_priv")).toList()) {
                Files.writeString(file, "garbage");
            }
        }
        assertThatThrownBy(() -> stack.start(List.of("mariadb"), Map.of(), r -> { }))
                .isInstanceOf(FerryException.class)
                .hasMessageStartingWith("mariadb failed to start: ")
                .hasMessageContaining("[ERROR]")
                .hasMessageContaining("error.log");
    }
}
