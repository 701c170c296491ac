package dev.ferry.cli.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options of {@code ferry connections add} give the connection a config file entry would. */
class ConnectionSpecTest {

    private static ConnectionConfig build(ConnectionType type, String host, int port, String database, String user,
                                          String url, String bootstrap) {
        return new ConnectionSpec("c", type, host, port, database, user, url, bootstrap, Map.of("k", "v"))
                .toConfig(Secret.NONE);
    }

    @Test
    void databasesGetTheirDefaultPorts() {
        assertThat(build(ConnectionType.POSTGRES, "db", 0, "shop", "u", null, null).port()).isEqualTo(5432);
        assertThat(build(ConnectionType.MYSQL, "db", 0, "shop", "u", null, null).port()).isEqualTo(3306);
        ConnectionConfig given = build(ConnectionType.POSTGRES, "db", 6543, "shop", "u", null, null);
        assertThat(given).isEqualTo(new ConnectionConfig("c", ConnectionType.POSTGRES, "db", 6543, "shop", "u",
                Secret.NONE, null, Map.of("k", "v")));
        assertThatThrownBy(() -> build(ConnectionType.MYSQL, null, 0, null, "u", null, null))
                .hasMessage("a mysql connection needs --host, --database");
        assertThatThrownBy(() -> build(ConnectionType.POSTGRES, "db", 0, "shop", "u", "http://x", null))
                .hasMessage("a postgres connection does not use --url");
        assertThatThrownBy(() -> build(ConnectionType.POSTGRES, "db", 70000, "shop", "u", null, null))
                .hasMessage("connection 'c': --port must be from 1 to 65535, got 70000");
    }

    @Test
    void clickhouseIsReachedByUrlBuiltFromHostAndPortOrGiven() {
        ConnectionConfig built = build(ConnectionType.CLICKHOUSE, "ch", 0, null, "u", null, null);
        assertThat(built.url()).isEqualTo("http://ch:8123");
        assertThat(built.database()).isEqualTo("default");

        ConnectionConfig given = build(ConnectionType.CLICKHOUSE, null, 0, "dwh", "u", "https://ch.example.com/", null);
        assertThat(given.url()).isEqualTo("https://ch.example.com");
        assertThat(given.host()).isEqualTo("ch.example.com");
        assertThat(given.port()).isEqualTo(443);
        assertThat(given.database()).isEqualTo("dwh");

        assertThatThrownBy(() -> build(ConnectionType.CLICKHOUSE, "ch", 0, null, "u", "http://ch:8123", null))
                .hasMessage("connection 'c': give either --url or --host and --port, not both");
        assertThatThrownBy(() -> build(ConnectionType.CLICKHOUSE, null, 0, null, "u", "ftp://ch", null))
                .hasMessage("connection 'c': --url must be an http:// or https:// URL such as http://127.0.0.1:8123");
        assertThatThrownBy(() -> build(ConnectionType.CLICKHOUSE, null, 0, null, "u", "http://u:hunter2@ch:8123", null))
                .hasMessageStartingWith("connection 'c': --url must not carry a user or password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void kafkaNamesItsBootstrapServers() {
        ConnectionConfig kafka = build(ConnectionType.KAFKA, null, 0, null, null, null, "k1:9092,k2:9092");
        assertThat(kafka).isEqualTo(new ConnectionConfig("c", ConnectionType.KAFKA, "k1:9092,k2:9092", 0, "", "",
                Secret.NONE, "k1:9092,k2:9092", Map.of("k", "v")));
        assertThat(new ConnectionSpec("c", ConnectionType.KAFKA, null, 0, null, null, null, "k:1", null)
                .needsPassword()).isFalse();
        assertThat(new ConnectionSpec("c", ConnectionType.KAFKA, null, 0, null, "sasl-user", null, "k:1", null)
                .needsPassword()).isTrue();
        assertThatThrownBy(() -> build(ConnectionType.KAFKA, "k1", 0, null, null, null, "k1:9092"))
                .hasMessage("a kafka connection does not use --host; give the brokers with --bootstrap"
                        + " host:port[,host:port]");
        assertThatThrownBy(() -> build(ConnectionType.KAFKA, null, 0, null, null, null, null))
                .hasMessage("a kafka connection needs --bootstrap");
    }
}
