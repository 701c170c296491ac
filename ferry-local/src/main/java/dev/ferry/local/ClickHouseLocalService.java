package dev.ferry.local;

import dev.ferry.core.http.ClickHouseHttp;
import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ClickHouse as a plain process with a generated config. The XML keeps the old {@code <yandex>} root,
 * which both 18.x (Debian's package) and current releases read.
 */
final class ClickHouseLocalService implements LocalService {

    static final String NAME = "clickhouse";
    static final String USER = "ferry";
    private static final String HOST = "127.0.0.1";
    private static final Pattern ERROR = Pattern.compile("(<Error>|Exception|Address already in use|Cannot)");

    private final Map<String, String> env;

    ClickHouseLocalService(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceState start(StackLayout layout, ServiceState previous, Integer requestedPort) {
        Path binary = Binaries.find(env, "FERRY_CLICKHOUSE_BIN", List.of("clickhouse-server", "clickhouse"),
                List.of(), "clickhouse-server clickhouse-client");
        Path dir = layout.serviceDir(NAME);
        Path logDir = layout.logDir(NAME);
        int httpPort = Ports.choose(NAME, HOST, requestedPort, previous == null ? null : previous.port());
        Integer previousTcp = previous == null ? null : previous.extraPorts().get("tcp");
        int tcpPort = Ports.choose(NAME, HOST, null, previousTcp == null || previousTcp == httpPort ? null : previousTcp);
        String password = Passwords.loadOrCreate(layout.passwordFile(NAME));
        Path config = dir.resolve("config.xml");
        Path pidFile = dir.resolve("clickhouse-server.pid");
        Path errorLog = logDir.resolve("clickhouse-server.err.log");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(logDir);
            Files.writeString(config, ClickHouseConfigFiles.serverConfig(dir, logDir, httpPort, tcpPort));
            Files.writeString(dir.resolve("users.xml"), ClickHouseConfigFiles.usersConfig(USER, password));
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new FerryException("cannot prepare ClickHouse directory " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (binary.getFileName().toString().equals("clickhouse")) {
            command.add("server"); // the single-binary layout of current releases
        }
        command.add("--config-file=" + config);
        command.add("--pid-file=" + pidFile);
        Process process = Processes.spawnDetached(command, logDir.resolve("stdout.log"));
        ClickHouseHttp http = new ClickHouseHttp(HOST, httpPort, USER, password);
        Readiness.await(NAME, process::isAlive, http::ping, Duration.ofSeconds(60), errorLog, ERROR);
        String version = http.execute("SELECT version()").strip();
        return new ServiceState(NAME, HOST, httpPort, Map.of("tcp", tcpPort), USER, layout.passwordFile(NAME),
                process.pid(), dir.resolve("data"), errorLog, version);
    }

    @Override
    public boolean answers(ServiceState state) {
        return isOwnProcessAlive(state)
                && new ClickHouseHttp(state.host(), state.port(), state.user(), "").ping();
    }

    @Override
    public boolean isOwnProcessAlive(ServiceState state) {
        return Processes.isOurs(state.pid(), state.dataDir().getParent().resolve("config.xml").toString());
    }

    @Override
    public void stop(ServiceState state) {
        if (isOwnProcessAlive(state)) {
            Processes.terminate(state.pid(), Duration.ofSeconds(30));
        }
    }
}
