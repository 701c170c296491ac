package dev.ferry.bench;

import dev.ferry.local.LocalStack;
import dev.ferry.local.ServiceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The bench's local stack: ClickHouse, PostgreSQL and MariaDB, started when they are not running. */
record Servers(ServiceState clickhouse, ServiceState postgres, ServiceState mariadb) {

    /** Database the source tables live in, on both sources. */
    static final String SOURCE_DB = "bench";

    static Servers start(Path stateDir) {
        LocalStack stack = new LocalStack(stateDir);
        stack.start(List.of(), Map.of(), result -> System.out.printf("%-11s %-16s %s:%d%n", result.state().name(),
                result.alreadyRunning() ? "already running" : "started", result.state().host(),
                result.state().port()));
        return new Servers(stack.running("clickhouse"), stack.running("postgres"), stack.running("mariadb"));
    }

    static String password(ServiceState service) {
        try {
            return Files.readString(service.passwordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + service.passwordFile(), e);
        }
    }

    String postgresUrl(String database) {
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database;
    }

    String mariadbUrl(String database) {
        return "jdbc:mariadb://" + mariadb.host() + ":" + mariadb.port() + "/" + database;
    }

    int clickhouseTcpPort() {
        return clickhouse.extraPort("tcp");
    }
}
