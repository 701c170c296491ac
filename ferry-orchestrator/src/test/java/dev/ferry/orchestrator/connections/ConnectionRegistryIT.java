package dev.ferry.orchestrator.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.OrchestratorConfig;
import dev.ferry.core.config.Secret;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of the registry on both stores: encrypted connections cannot be read without the key. The raw
 * table holds no password; no key or another key cannot read it; the right one can, from a new process's
 * point of view (a store opened afresh).
 */
@FerryIntegrationTest
class ConnectionRegistryIT {

    private static final String PASSWORD = "Registry-Passw0rd-9f2c";
    private static final String SASL_SECRET = "sasl-Secret-77a1";

    @TempDir
    Path dir;

    private final MasterKey key = MasterKey.generate();

    private static Map<String, String> env(MasterKey master) {
        return Map.of(MasterKeys.ENV, master.encoded());
    }

    private static ConnectionRegistry registry(MetadataStore store, Map<String, String> env) {
        return new ConnectionRegistry(store, MasterKeys.lazy(OrchestratorConfig.defaults(Path.of(".")), env));
    }

    private static ConnectionConfig warehouse() {
        return new ConnectionConfig("warehouse", ConnectionType.CLICKHOUSE, "ch.internal", 8123, "dwh", "writer",
                Secret.literal(PASSWORD), "http://ch.internal:8123", Map.of("compress", "false"));
    }

    private static ConnectionConfig events() {
        return new ConnectionConfig("events", ConnectionType.KAFKA, "k1:9092", 0, "", "ferry", Secret.literal("k"),
                "k1:9092", Map.of("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required password=\"" + SASL_SECRET + "\";"));
    }

    @Test
    void embeddedStore() throws Exception {
        try (MetadataStore store = MetadataStore.embedded(dir)) {
            registry(store, env(key)).add(warehouse(), "the warehouse", false);
            registry(store, env(key)).add(events(), null, false);
        }
        try (MetadataStore store = MetadataStore.embedded(dir)) {
            onlyTheKeyReads(store);
        }
    }

    @Test
    void postgresStore(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ConnectionConfig meta = new ConnectionConfig("meta", ConnectionType.POSTGRES, pg.host(), pg.port(),
                db.postgres(), pg.user(), new Secret(pg.password(), "test stack"), null, Map.of());
        try (MetadataStore store = MetadataStore.postgres(meta, "ferry_meta")) {
            registry(store, env(key)).add(warehouse(), "the warehouse", false);
            registry(store, env(key)).add(events(), null, false);
        }
        try (MetadataStore store = MetadataStore.postgres(meta, "ferry_meta")) {
            onlyTheKeyReads(store);
        }
        // the rows live in the schema the store was given
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement();
             ResultSet count = st.executeQuery("SELECT count(*) FROM ferry_meta.connection")) {
            assertThat(count.next()).isTrue();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
    }

    private void onlyTheKeyReads(MetadataStore store) throws Exception {
        try (Connection db = store.dataSource().getConnection(); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("SELECT * FROM connection ORDER BY name")) {
            int count = 0;
            while (rows.next()) {
                count++;
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.append(rows.getString(i)).append('|');
                }
                assertThat(row.toString()).doesNotContain(PASSWORD).doesNotContain(SASL_SECRET)
                        .doesNotContain("compress").contains(key.id());
            }
            assertThat(count).isEqualTo(2);
        }

        assertThat(registry(store, Map.of()).list()).extracting(RegisteredConnection::name)
                .containsExactly("events", "warehouse");
        assertThatThrownBy(() -> registry(store, Map.of()).get("warehouse"))
                .hasMessageContaining("connection 'warehouse' of the connection registry")
                .hasMessageContaining("cannot be decrypted: no master key")
                .hasMessageContaining("ferry connections generate-key");
        MasterKey other = MasterKey.generate();
        assertThatThrownBy(() -> registry(store, env(other)).get("warehouse"))
                .hasMessage("connection 'warehouse' was encrypted with master key id " + key.id() + "; the current"
                        + " master key has id " + other.id() + "; set FERRY_MASTER_KEY (or FERRY_MASTER_KEY_FILE) to"
                        + " the key used when it was added");

        ConnectionConfig warehouse = registry(store, env(key)).get("warehouse");
        assertThat(warehouse.password().reveal()).isEqualTo(PASSWORD);
        assertThat(warehouse.url()).isEqualTo("http://ch.internal:8123");
        assertThat(warehouse.options()).isEqualTo(Map.of("compress", "false"));
        assertThat(registry(store, env(key)).get("events").options().get("sasl.jaas.config")).contains(SASL_SECRET);
        assertThat(registry(store, env(key)).describe("warehouse").orElseThrow().description())
                .isEqualTo("the warehouse");
    }
}
