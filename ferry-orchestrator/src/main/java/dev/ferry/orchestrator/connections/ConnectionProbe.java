package dev.ferry.orchestrator.connections;

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
 * Connects to one server the way Ferry's pipelines do (same drivers, same endpoints), logging in as the
 * connection says, and asks it who it is: a probe that passes means a pipeline's first step will work, and a
 * wrong password is as broken as a closed port. Used by {@code ferry connections test} and the
 * {@code check_connections} task.
 */
public final class ConnectionProbe {

    private ConnectionProbe() {
    }

    /**
     * @param timeout how long Kafka may take to answer (its client would otherwise retry for minutes); JDBC
     *                and ClickHouse keep their drivers' own connect timeouts
     * @return the server's name and version, such as {@code PostgreSQL 15.18}
     */
    public static String probe(ConnectionConfig connection, Duration timeout) throws InterruptedException {
        return switch (connection.type()) {
            case POSTGRES, MYSQL -> jdbc(connection);
            case CLICKHOUSE -> clickhouse(connection);
            case KAFKA -> kafka(connection, timeout);
        };
    }

    private static String jdbc(ConnectionConfig connection) {
        try (Connection db = DataSources.connect(Endpoints.source(connection))) {
            DatabaseMetaData meta = db.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new FerryException("connected, but could not ask the server its version: " + e.getMessage(), e);
        }
    }

    /** A query rather than a ping: ping answers without logging in, so it would pass with a wrong password. */
    private static String clickhouse(ConnectionConfig connection) {
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(Endpoints.clickhouse(connection,
                connection.database()))) {
            return "ClickHouse " + clickhouse.queryValue("SELECT version()");
        }
    }

    private static String kafka(ConnectionConfig connection, Duration timeout) throws InterruptedException {
        Map<String, Object> settings = new HashMap<>(KafkaClientSettings.of(connection));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put("request.timeout.ms", millis);
        settings.put("default.api.timeout.ms", millis);
        // without these the client keeps reconnecting to an unreachable broker for its full timeouts
        settings.put("socket.connection.setup.timeout.ms", Math.min(millis, 5_000));
        settings.put("socket.connection.setup.timeout.max.ms", Math.min(millis, 5_000));
        settings.put("reconnect.backoff.max.ms", 1_000);
        settings.put("client.id", "ferry-check-connections");
        Admin admin;
        try {
            admin = Admin.create(settings);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new FerryException("cannot set up a Kafka client for connection '" + connection.name() + "': "
                    + e.getMessage() + "; check its options", e);
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
            int brokers = cluster.nodes().get(millis, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
            return "Kafka cluster " + id + ", " + brokers + (brokers == 1 ? " broker" : " brokers");
        } catch (TimeoutException e) {
            throw unreachable(connection, timeout, "no answer");
        } catch (ExecutionException e) {
            // Kafka's own messages ("Timed out waiting for a node assignment") do not say where it looked
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw unreachable(connection, timeout, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } finally {
            // a plain close waits for the pending request, which against a dead broker is the full timeout again
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static FerryException unreachable(ConnectionConfig connection, Duration timeout, String why) {
        return new FerryException("cannot reach Kafka at " + connection.url() + " within " + timeout.toSeconds()
                + " s (" + why + "); check the bootstrap servers, the user and password, and security.protocol");
    }
}
