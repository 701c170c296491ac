package dev.ferry.testing;

import java.util.Map;
import java.util.Objects;

/** Where one test server listens and how to log in. Tests only: holds the password in memory. */
public record ServerEndpoint(String host, int port, Map<String, Integer> extraPorts, String user, String password) {

    public ServerEndpoint {
        Objects.requireNonNull(host, "host");
        extraPorts = Map.copyOf(extraPorts);
    }

    public String httpUrl() {
        return "http://" + host + ":" + port;
    }

    public int extraPort(String role) {
        return Objects.requireNonNull(extraPorts.get(role), () -> "no " + role + " port");
    }
}
