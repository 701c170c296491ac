package dev.ferry.testing;

import dev.ferry.local.LocalStack;
import dev.ferry.local.Passwords;
import dev.ferry.local.ServiceState;
import java.nio.file.Path;

/** The running test stack: one endpoint per server. */
public record TestStack(Path stateDir, ServerEndpoint clickhouse, ServerEndpoint postgres, ServerEndpoint mariadb) {

    /** PostgreSQL's superuser, for the setup steps a DBA would do (e.g. a publication of all tables). */
    public ServerEndpoint postgresSuperuser() {
        return new ServerEndpoint(postgres.host(), postgres.port(), postgres.extraPorts(), "postgres",
                Passwords.read(new dev.ferry.local.StackLayout(stateDir).passwordFile("postgres-superuser")));
    }

    /**
     * The test stack's Kafka broker ({@code host:port}), started on first use: only stream tests need it,
     * and it takes a few seconds to start.
     */
    public String kafkaBootstrap() {
        ServiceState kafka = new LocalStack(stateDir).start(java.util.List.of("kafka"), java.util.Map.of(), r -> { })
                .get(0).state();
        return kafka.host() + ":" + kafka.port();
    }

    static TestStack of(LocalStack stack) {
        return new TestStack(stack.stateDir(), endpoint(stack.running("clickhouse")),
                endpoint(stack.running("postgres")), endpoint(stack.running("mariadb")));
    }

    private static ServerEndpoint endpoint(ServiceState state) {
        return new ServerEndpoint(state.host(), state.port(), state.extraPorts(), state.user(),
                Passwords.read(state.passwordFile()));
    }
}
