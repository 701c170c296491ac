package dev.ferry.cli.connections;

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
 * Really connects, logging in as the connection says, and asks the server who it is: a test that passes means
 * a pipeline's first step (connecting) will work.
 */
final class ConnectionProbe {

    /** Kafka's admin client retries an unreachable broker until its API timeout: keep that short. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private ConnectionProbe() {
    }

    /** @return what the server says it is, such as {@code PostgreSQL 15.18} */
    static String probe(ConnectionConfig connection) {
        return switch (connection.type()) {
            case POSTGRES, MYSQL -> jdbc(connection);
            case CLICKHOUSE -> clickhouse(connection);
            case KAFKA -> kafka(connection);
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

    private static String kafka(ConnectionConfig connection) {
        Map<String, Object> settings = new HashMap<>(KafkaClientSettings.of(connection));
        int timeout = (int) KAFKA_TIMEOUT.toMillis();
        settings.putIfAbsent("request.timeout.ms", timeout);
        settings.putIfAbsent("default.api.timeout.ms", timeout);
        settings.putIfAbsent("socket.connection.setup.timeout.ms", timeout / 2);
        settings.putIfAbsent("socket.connection.setup.timeout.max.ms", timeout / 2);
        try (Admin admin = Admin.create(settings)) {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout));
            String id = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
            return "Kafka cluster " + id + ", " + brokers + (brokers == 1 ? " broker" : " brokers");
        } catch (TimeoutException e) {
            throw unreachable(connection, "no answer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw unreachable(connection, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted while testing connection '" + connection.name() + "'", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new FerryException("cannot set up a Kafka client for connection '" + connection.name() + "': "
                    + e.getMessage() + "; check its options", e);
        }
    }

    private static FerryException unreachable(ConnectionConfig connection, String why) {
        return new FerryException("cannot reach Kafka at " + connection.url() + " within "
                + KAFKA_TIMEOUT.toSeconds() + " s (" + why + "); check the bootstrap servers, the user and password,"
                + " and security.protocol");
    }
}
