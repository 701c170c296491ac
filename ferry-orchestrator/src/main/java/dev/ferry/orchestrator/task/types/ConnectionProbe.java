package dev.ferry.orchestrator.task.types;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.KafkaClientSettings;
import dev.ferry.jdbc.DataSources;
import dev.ferry.sync.Endpoints;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Connects to one configured server the way Ferry's pipelines do (same drivers, same endpoints) and asks
 * it who it is. Logging in is part of the check: a wrong password is as broken as a closed port.
 */
final class ConnectionProbe {

    private ConnectionProbe() {
    }

    /** @return the server's name and version, such as "PostgreSQL 15.18" */
    static String probe(ConnectionConfig connection, Duration timeout) throws Exception {
        return switch (connection.type()) {
            case POSTGRES, MYSQL -> jdbc(connection);
            case CLICKHOUSE -> clickhouse(connection);
            case KAFKA -> kafka(connection, timeout);
        };
    }

    private static String jdbc(ConnectionConfig connection) throws SQLException {
        try (Connection conn = DataSources.connect(Endpoints.source(connection))) {
            DatabaseMetaData meta = conn.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
    }

    /** A query rather than a ping: a ping passes without logging in. */
    private static String clickhouse(ConnectionConfig connection) {
        try (ClickHouseGateway gateway = new ClickHouseGateway(Endpoints.clickhouse(connection,
                connection.database()))) {
            return "ClickHouse " + gateway.queryValue("SELECT version()");
        }
    }

    private static String kafka(ConnectionConfig connection, Duration timeout) throws Exception {
        Map<String, Object> settings = new HashMap<>(KafkaClientSettings.of(connection));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put("request.timeout.ms", millis);
        settings.put("default.api.timeout.ms", millis);
        // without these the client keeps reconnecting to an unreachable broker for its full timeouts
        settings.put("socket.connection.setup.timeout.ms", Math.min(millis, 5_000));
        settings.put("socket.connection.setup.timeout.max.ms", Math.min(millis, 5_000));
        settings.put("reconnect.backoff.max.ms", 1_000);
        settings.put("client.id", "ferry-check-connections");
        Admin admin = Admin.create(settings);
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
            int brokers = cluster.nodes().get(millis, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
            return "Kafka cluster " + id + ", " + brokers + (brokers == 1 ? " broker" : " brokers");
        } catch (ExecutionException e) {
            // Kafka's own messages ("Timed out waiting for a node assignment") do not say where it looked
            throw new FerryException("Kafka at " + connection.url() + " did not answer: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("Kafka at " + connection.url() + " did not answer within "
                    + dev.ferry.orchestrator.run.Durations.format(timeout));
        } finally {
            // a plain close waits for the pending request, which against a dead broker is the full timeout again
            admin.close(Duration.ofSeconds(1));
        }
    }
}
