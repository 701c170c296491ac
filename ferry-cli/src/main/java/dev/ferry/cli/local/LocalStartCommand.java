package dev.ferry.cli.local;

import dev.ferry.local.LocalStack;
import dev.ferry.local.ServiceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry local start}. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the local servers (idempotent: running ones are left alone).")
public final class LocalStartCommand implements Callable<Integer> {

    @Mixin
    StateDirOption stateDir;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "Services to start (default: clickhouse, postgres, mariadb; kafka on request).")
    List<String> services = List.of();

    @Option(names = "--kafka", description = "Also start a single-node Kafka (KRaft) for stream pipelines.")
    boolean kafka;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka port (default: a free one).")
    Integer kafkaPort;

    @Option(names = "--clickhouse-port", paramLabel = "PORT", description = "ClickHouse HTTP port (default: a free one).")
    Integer clickhousePort;

    @Option(names = "--postgres-port", paramLabel = "PORT", description = "PostgreSQL port (default: a free one).")
    Integer postgresPort;

    @Option(names = "--mariadb-port", paramLabel = "PORT", description = "MariaDB port (default: a free one).")
    Integer mariadbPort;

    @Override
    public Integer call() {
        Map<String, Integer> ports = new HashMap<>();
        putIfSet(ports, "clickhouse", clickhousePort);
        putIfSet(ports, "postgres", postgresPort);
        putIfSet(ports, "mariadb", mariadbPort);
        putIfSet(ports, "kafka", kafkaPort);
        List<String> wanted = services;
        if (kafka && !wanted.contains("kafka")) {
            wanted = new java.util.ArrayList<>(wanted.isEmpty() ? LocalStack.SERVICES : wanted);
            wanted.add("kafka");
        }
        LocalStack stack = new LocalStack(stateDir.resolve());
        stack.start(wanted, ports, result -> {
            ServiceState s = result.state();
            System.out.printf("%-11s %-16s %s:%d  %s%n", s.name(),
                    result.alreadyRunning() ? "already running" : "started", s.host(), s.port(), s.version());
        });
        System.out.println("state: " + stack.stateDir() + " (ferry local status --json for users and passwords)");
        return 0;
    }

    private static void putIfSet(Map<String, Integer> ports, String name, Integer port) {
        if (port != null) {
            ports.put(name, port);
        }
    }
}
