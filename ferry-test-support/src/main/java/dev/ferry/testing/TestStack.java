package dev.ferry.testing;

import dev.ferry.local.LocalStack;
import dev.ferry.local.Passwords;
import dev.ferry.local.ServiceState;
import java.nio.file.Path;

/** The running test stack: one endpoint per server. */
public record TestStack(Path stateDir, ServerEndpoint clickhouse, ServerEndpoint postgres, ServerEndpoint mariadb) {

    static TestStack of(LocalStack stack) {
        return new TestStack(stack.stateDir(), endpoint(stack.running("clickhouse")),
                endpoint(stack.running("postgres")), endpoint(stack.running("mariadb")));
    }

    private static ServerEndpoint endpoint(ServiceState state) {
        return new ServerEndpoint(state.host(), state.port(), state.extraPorts(), state.user(),
                Passwords.read(state.passwordFile()));
    }
}
