package dev.ferry.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the local stack knows about one server it started: where it listens, who may log in and where
 * the password is kept (never the password itself), and which process it is.
 *
 * @param name         service name: {@code clickhouse}, {@code postgres}, {@code mariadb}
 * @param host         address the server listens on
 * @param port         main client port (HTTP for ClickHouse)
 * @param extraPorts   secondary ports by role, e.g. {@code tcp} for ClickHouse's native protocol
 * @param user         non-default user created for Ferry
 * @param passwordFile file holding that user's generated password (mode 0600)
 * @param pid          server process id, or 0 when not running
 * @param dataDir      server data directory
 * @param logFile      server log file to read when something goes wrong
 * @param version      server version reported at start
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceState(
        String name,
        String host,
        int port,
        Map<String, Integer> extraPorts,
        String user,
        Path passwordFile,
        long pid,
        Path dataDir,
        Path logFile,
        String version) {

    public ServiceState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        extraPorts = extraPorts == null ? Map.of() : Map.copyOf(extraPorts);
    }

    public ServiceState withPid(long newPid) {
        return new ServiceState(name, host, port, extraPorts, user, passwordFile, newPid,
                dataDir, logFile, version);
    }

    public int extraPort(String role) {
        Integer value = extraPorts.get(role);
        if (value == null) {
            throw new IllegalStateException(name + " has no " + role + " port recorded");
        }
        return value;
    }
}
