package dev.ferry.orchestrator.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.ConfigProblem;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.Secret;
import dev.ferry.orchestrator.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files and tasks using registry connections by name, over an embedded store in a temporary folder. */
class RegistryDirectoryTest {

    @TempDir
    Path dir;

    private final MasterKey key = MasterKey.generate();
    private Path file;

    @BeforeEach
    void writeConfig() throws Exception {
        file = Files.writeString(dir.resolve("ferry.yaml"), """
                state_dir: state
                connections:
                  warehouse: {type: clickhouse, url: "http://127.0.0.1:8123", database: dwh, user: ferry}
                pipelines:
                  - name: shop
                    source: {connection: shop_reg, tables: [public.users]}
                    target: {connection: warehouse}
                """);
    }

    private Map<String, String> env(MasterKey master) {
        return Map.of(MasterKeys.ENV, master.encoded());
    }

    private void addToRegistry(ConnectionConfig connection) {
        FerryConfig settings = ConfigLoader.loadSettings(file, Map.of());
        try (MetadataStore store = MetadataStore.open(settings)) {
            ConnectionRegistry.of(store, settings, env(key)).add(connection, null, false);
        }
    }

    private static ConnectionConfig shop() {
        return new ConnectionConfig("shop_reg", ConnectionType.POSTGRES, "pg.internal", 5433, "shop", "reader",
                Secret.literal("registry-password"), null, Map.of());
    }

    private String problem(Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of(), RegistryDirectory.source(env)));
        assertThat(e).as("the config should not load").isNotNull();
        assertThat(e.problems()).hasSize(1);
        ConfigProblem problem = e.problems().get(0);
        assertThat(problem.field()).isEqualTo("pipelines[0].source.connection");
        return problem.message();
    }

    @Test
    void withoutAStoreTheMessageIsAPlainFilesAndNoStoreIsMade() {
        assertThat(problem(env(key))).isEqualTo("unknown connection 'shop_reg'; no mysql or postgres connection is"
                + " defined");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aPipelineUsesARegistryConnectionByName() {
        addToRegistry(shop());

        FerryConfig config = ConfigLoader.load(file, Map.of(), RegistryDirectory.source(env(key)));

        ConnectionConfig shop = config.connections().get(config.pipelines().get(0).source().connection());
        assertThat(shop.host()).isEqualTo("pg.internal");
        assertThat(shop.password().reveal()).isEqualTo("registry-password");
        assertThat(List.copyOf(config.connections().keySet())).containsExactly("warehouse", "shop_reg");
    }

    @Test
    void withoutTheKeyOrWithAnotherTheProblemSaysSo() {
        addToRegistry(shop());
        MasterKey other = MasterKey.generate();

        assertThat(problem(Map.of())).startsWith("connection 'shop_reg' of the connection registry (embedded store "
                + dir.resolve("state/orchestrator") + ") cannot be decrypted: no master key");
        assertThat(problem(env(other))).isEqualTo("connection 'shop_reg' was encrypted with master key id " + key.id()
                + "; the current master key has id " + other.id() + "; set FERRY_MASTER_KEY (or FERRY_MASTER_KEY_FILE)"
                + " to the key used when it was added");
    }

    @Test
    void anUnknownNameListsTheRegistrysConnectionsToo() {
        addToRegistry(new ConnectionConfig("billing", ConnectionType.MYSQL, "db", 3306, "billing", "ferry",
                Secret.NONE, null, Map.of()));

        assertThat(problem(env(key))).isEqualTo("unknown connection 'shop_reg'; no mysql or postgres connection is"
                + " defined; in the connection registry (embedded store " + dir.resolve("state/orchestrator")
                + "): billing");
    }

    @Test
    void tasksFindTheFilesConnectionsFirstThenTheRegistrys() {
        addToRegistry(shop());
        addToRegistry(new ConnectionConfig("warehouse", ConnectionType.CLICKHOUSE, "elsewhere", 8123, "x", "y",
                Secret.NONE, "http://elsewhere:8123", Map.of()));
        FerryConfig settings = ConfigLoader.loadSettings(file, Map.of());
        try (MetadataStore store = MetadataStore.open(settings)) {
            ConnectionRegistry registry = ConnectionRegistry.of(store, settings, env(key));
            RegistryConnections connections = new RegistryConnections(settings, registry);

            assertThat(connections.get("warehouse").host()).isEqualTo("127.0.0.1");
            assertThat(connections.get("shop_reg").password().reveal()).isEqualTo("registry-password");
            assertThatThrownBy(() -> connections.get("nope"))
                    .hasMessage("unknown connection 'nope': not in " + file + " (it defines warehouse) nor in "
                            + registry.description() + " (connections there: shop_reg, warehouse); add it to one of"
                            + " them, e.g. with ferry connections add nope");
        }
    }
}
