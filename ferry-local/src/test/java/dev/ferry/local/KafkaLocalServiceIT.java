package dev.ferry.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry local start kafka}: a KRaft broker from the Maven jars, restartable on its data. */
class KafkaLocalServiceIT {

    @TempDir
    Path stateDir;

    @Test
    void startsStopsAndRestartsOnItsData() throws Exception {
        LocalStack stack = new LocalStack(stateDir);
        try {
            ServiceState first = stack.start(List.of("kafka"), Map.of(), r -> { }).get(0).state();
            assertThat(first.version()).startsWith("4.");
            assertThat(accepts(first.port())).isTrue();
            assertThat(stack.start(List.of("kafka"), Map.of(), r -> { }).get(0).alreadyRunning()).isTrue();
            assertThat(stack.status()).anyMatch(s -> s.name().equals("kafka")
                    && s.state() == ServiceStatus.State.RUNNING);

            assertThat(stack.stop(List.of(), name -> { })).containsExactly("kafka");
            ServiceState second = stack.start(List.of("kafka"), Map.of(), r -> { }).get(0).state();
            assertThat(second.port()).isEqualTo(first.port());
            assertThat(accepts(second.port())).isTrue();
        } finally {
            stack.stop(List.of(), name -> { });
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
