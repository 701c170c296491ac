package dev.ferry.cli.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.local.LocalStack;
import dev.ferry.local.ServiceState;
import dev.ferry.local.ServiceStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry local status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each local server: state, address, user and password file. Exit 0 when all run.")
public final class LocalStatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Mixin
    StateDirOption stateDir;

    @Option(names = "--json", description = "Print JSON (passwords are never printed, only their files).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = new LocalStack(stateDir.resolve());
        List<ServiceStatus> statuses = stack.status();
        if (json) {
            System.out.println(JSON.writeValueAsString(toJson(stack, statuses)));
        } else {
            System.out.printf("%-11s %-13s %-22s %-6s %-32s %s%n", "SERVICE", "STATE", "ADDRESS", "USER", "VERSION",
                    "PASSWORD FILE");
            for (ServiceStatus status : statuses) {
                ServiceState s = status.recorded();
                System.out.printf("%-11s %-13s %-22s %-6s %-32s %s%n", status.name(), status.state().label(),
                        s == null ? "-" : s.host() + ":" + s.port(), s == null || s.user().isEmpty() ? "-" : s.user(),
                        s == null || s.version() == null ? "-" : s.version(),
                        s == null || s.passwordFile() == null ? "-" : s.passwordFile());
            }
        }
        boolean allRunning = statuses.stream().allMatch(s -> s.state() == ServiceStatus.State.RUNNING);
        return allRunning ? 0 : 3;
    }

    private static ObjectNode toJson(LocalStack stack, List<ServiceStatus> statuses) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stateDir", stack.stateDir().toString());
        ArrayNode services = root.putArray("services");
        for (ServiceStatus status : statuses) {
            ObjectNode node = services.addObject();
            node.put("name", status.name());
            node.put("state", status.state().label());
            ServiceState s = status.recorded();
            if (s != null) {
                node.put("host", s.host());
                node.put("port", s.port());
                s.extraPorts().forEach((role, port) -> node.put(role + "Port", port));
                node.put("user", s.user());
                if (s.passwordFile() != null) {
                    node.put("passwordFile", s.passwordFile().toString());
                }
                node.put("version", s.version());
                node.put("pid", s.pid());
                node.put("dataDir", String.valueOf(s.dataDir()));
                node.put("logFile", String.valueOf(s.logFile()));
            }
        }
        return root;
    }
}
