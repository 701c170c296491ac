package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A single-node Kafka (KRaft: broker and controller in one process) run from the Maven Central jars that
 * the {@code ferry-kafka-broker} module resolved, in a JVM of its own. Opt-in: {@code ferry local start kafka}.
 */
final class KafkaLocalService implements LocalService {

    static final String NAME = "kafka";
    private static final String HOST = "127.0.0.1";
    private static final String CLASSPATH_RESOURCE = "/dev/ferry/local/kafka-broker.classpath";
    private static final String STARTED = "Kafka Server started";
    private static final Pattern ERROR = Pattern.compile("(ERROR|Exception|Address already in use)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceState start(StackLayout layout, ServiceState previous, Integer requestedPort) {
        String classpath = brokerClasspath();
        Path dir = layout.serviceDir(NAME);
        Path logDir = layout.logDir(NAME);
        Path log = logDir.resolve("server.log");
        int port = Ports.choose(NAME, HOST, requestedPort, previous == null ? null : previous.port());
        Integer previousController = previous == null ? null : previous.extraPorts().get("controller");
        int controllerPort = Ports.choose(NAME, HOST, null,
                previousController == null || previousController == port ? null : previousController);
        Path config = dir.resolve("server.properties");
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(dir);
            Files.writeString(config, serverProperties(port, controllerPort, data));
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new FerryException("cannot prepare Kafka directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            // KRaft storage is formatted once, with a cluster id of our own
            Processes.run(List.of(java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", config.toString()), Duration.ofSeconds(120), dir);
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xms128m", "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-cp", classpath, "kafka.Kafka", config.toString()));
        Process process = Processes.spawnDetached(command, log);
        Readiness.await(NAME, process::isAlive, () -> started(log) && accepts(port), Duration.ofSeconds(90), log, ERROR);
        return new ServiceState(NAME, HOST, port, Map.of("controller", controllerPort), "", null, process.pid(), data,
                log, kafkaVersion(classpath));
    }

    static String serverProperties(int port, int controllerPort, Path data) {
        return """
                # written by ferry local: one process is broker and KRaft controller
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%4$s
                num.partitions=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(HOST, port, controllerPort, data);
    }

    /** The broker's jars as the build resolved them; missing when Ferry was not built here. */
    private static String brokerClasspath() {
        try (InputStream in = KafkaLocalService.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new FerryException("this Ferry build has no Kafka broker classpath; build it with ./scripts/setup "
                        + "or mvn install");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            for (String jar : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(jar))) {
                    throw new FerryException("the Kafka broker's jar " + jar + " is missing from the Maven repository; "
                            + "run: mvn -pl ferry-kafka-broker dependency:resolve");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new FerryException("cannot read the Kafka broker classpath: " + e.getMessage(), e);
        }
    }

    private static String kafkaVersion(String classpath) {
        var matcher = Pattern.compile("kafka_2\\.13-([0-9.]+)\\.jar").matcher(classpath);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String clusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean started(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains(STARTED);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean answers(ServiceState state) {
        return isOwnProcessAlive(state) && accepts(state.port());
    }

    @Override
    public boolean isOwnProcessAlive(ServiceState state) {
        return Processes.isOurs(state.pid(), state.dataDir().getParent().resolve("server.properties").toString());
    }

    @Override
    public void stop(ServiceState state) {
        if (isOwnProcessAlive(state)) {
            Processes.terminate(state.pid(), Duration.ofSeconds(30));
        }
    }
}
