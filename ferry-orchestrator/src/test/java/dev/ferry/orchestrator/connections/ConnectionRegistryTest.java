package dev.ferry.orchestrator.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import dev.ferry.orchestrator.store.MetadataStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry over an in-memory store: what it keeps, what it shows, and the errors a user meets. */
class ConnectionRegistryTest {

    private static final String PASSWORD = "pg-Passw0rd-value";

    private final MetadataStore store = MetadataStore.inMemory("registry" + System.nanoTime());
    private final MasterKey key = MasterKey.generate();

    @AfterEach
    void close() {
        store.close();
    }

    private ConnectionRegistry registry(MasterKey master) {
        return new ConnectionRegistry(store, () -> master);
    }

    private ConnectionRegistry withoutKey() {
        Supplier<MasterKey> none = () -> {
            throw new FerryException("no master key: test");
        };
        return new ConnectionRegistry(store, none);
    }

    static ConnectionConfig postgres(String name, String host) {
        return new ConnectionConfig(name, ConnectionType.POSTGRES, host, 5432, "shop", "ferry",
                Secret.literal(PASSWORD), null, Map.of("sslmode", "require", "sslpassword", "tls-secret"));
    }

    @Test
    void aConnectionComesBackWithItsPasswordAndOptions() {
        ConnectionRegistry registry = registry(key);

        assertThat(registry.add(postgres("shop", "db1"), "the shop database", false)).isFalse();
        ConnectionConfig found = registry.get("shop");

        assertThat(found.name()).isEqualTo("shop");
        assertThat(found.type()).isEqualTo(ConnectionType.POSTGRES);
        assertThat(found.host()).isEqualTo("db1");
        assertThat(found.port()).isEqualTo(5432);
        assertThat(found.database()).isEqualTo("shop");
        assertThat(found.user()).isEqualTo("ferry");
        assertThat(found.password().reveal()).isEqualTo(PASSWORD);
        assertThat(found.password().toString()).isEqualTo("connection registry");
        assertThat(found.options()).isEqualTo(Map.of("sslmode", "require", "sslpassword", "tls-secret"));
        assertThat(found.toString()).doesNotContain(PASSWORD).doesNotContain("tls-secret");
    }

    @Test
    void listingShowsNoSecretsAndNeedsNoKey() {
        registry(key).add(postgres("shop", "db1"), "the shop database", false);
        registry(key).add(new ConnectionConfig("events", ConnectionType.KAFKA, "k1:9092,k2:9092", 0, "", "", Secret.NONE,
                "k1:9092,k2:9092", Map.of()), null, false);

        var listed = withoutKey().list();

        assertThat(listed).extracting(RegisteredConnection::name).containsExactly("events", "shop");
        assertThat(listed.get(1).address()).isEqualTo("db1:5432");
        assertThat(listed.get(1).description()).isEqualTo("the shop database");
        assertThat(listed.get(1).keyId()).isEqualTo(key.id());
        assertThat(listed.get(0).address()).isEqualTo("k1:9092,k2:9092");
        assertThat(listed.toString()).doesNotContain(PASSWORD).doesNotContain("tls-secret");
        assertThat(withoutKey().describe("shop")).isPresent();
        assertThat(registry(key).get("events").password()).isEqualTo(Secret.NONE);
    }

    @Test
    void theStoredRowHoldsNeitherPasswordNorOptionsInTheClear() throws Exception {
        registry(key).add(postgres("shop", "db1"), null, false);

        try (Connection db = store.dataSource().getConnection(); Statement st = db.createStatement();
             ResultSet row = st.executeQuery("SELECT * FROM connection")) {
            assertThat(row.next()).isTrue();
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                all.append(row.getString(i)).append('|');
            }
            assertThat(all.toString()).doesNotContain(PASSWORD).doesNotContain("tls-secret").doesNotContain("sslmode")
                    .contains(key.id());
            assertThat(row.getString("password_cipher")).isNotBlank();
        }
    }

    @Test
    void addingANameTwiceNeedsReplaceWhichKeepsWhenItWasFirstAdded() throws Exception {
        ConnectionRegistry registry = registry(key);
        registry.add(postgres("shop", "db1"), null, false);
        long created = registry.describe("shop").orElseThrow().createdAt().toEpochMilli();

        assertThatThrownBy(() -> registry.add(postgres("shop", "db2"), null, false))
                .isInstanceOf(FerryException.class)
                .hasMessage("connection 'shop' already exists in " + registry.description()
                        + "; to overwrite it, add it with --replace");
        Thread.sleep(2);
        assertThat(registry.add(postgres("shop", "db2"), "moved", true)).isTrue();

        RegisteredConnection replaced = registry.describe("shop").orElseThrow();
        assertThat(replaced.host()).isEqualTo("db2");
        assertThat(replaced.description()).isEqualTo("moved");
        assertThat(replaced.createdAt().toEpochMilli()).isEqualTo(created);
        assertThat(replaced.updatedAt()).isAfter(replaced.createdAt());
        assertThat(registry.get("shop").host()).isEqualTo("db2");
    }

    @Test
    void deletingNeedsNoKeyAndSaysWhetherThereWasOne() {
        registry(key).add(postgres("shop", "db1"), null, false);

        assertThat(withoutKey().delete("shop")).isTrue();
        assertThat(withoutKey().delete("shop")).isFalse();
        assertThat(registry(key).find("shop")).isEmpty();
    }

    @Test
    void readingWithoutAKeyOrWithAnotherSaysWhatToDo() {
        registry(key).add(postgres("shop", "db1"), null, false);
        MasterKey other = MasterKey.generate();

        assertThatThrownBy(() -> withoutKey().get("shop"))
                .hasMessage("connection 'shop' of " + registry(key).description() + " cannot be decrypted: no master"
                        + " key: test");
        assertThatThrownBy(() -> registry(other).get("shop"))
                .hasMessage("connection 'shop' was encrypted with master key id " + key.id() + "; the current master"
                        + " key has id " + other.id() + "; set FERRY_MASTER_KEY (or FERRY_MASTER_KEY_FILE) to the key"
                        + " used when it was added");
    }

    @Test
    void aRowPointedElsewhereOutsideFerryDoesNotDecrypt() throws Exception {
        registry(key).add(postgres("shop", "db1"), null, false);
        try (Connection db = store.dataSource().getConnection(); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE connection SET host = 'attacker.example' WHERE name = 'shop'");
        }

        assertThatThrownBy(() -> registry(key).get("shop"))
                .hasMessageStartingWith("connection 'shop' does not decrypt although the current master key (id "
                        + key.id() + ") is the one it was encrypted with: its row in the registry was changed outside"
                        + " Ferry")
                .hasMessageEndingWith("add it again with ferry connections add shop --replace");
    }

    @Test
    void ciphertextsCannotBeSwappedBetweenRows() throws Exception {
        ConnectionRegistry registry = registry(key);
        registry.add(postgres("shop", "db1"), null, false);
        registry.add(postgres("billing", "db1"), null, false);
        try (Connection db = store.dataSource().getConnection(); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE connection SET password_cipher = (SELECT password_cipher FROM connection WHERE"
                    + " name = 'shop') WHERE name = 'billing'");
        }

        assertThat(registry.get("shop").password().reveal()).isEqualTo(PASSWORD);
        assertThatThrownBy(() -> registry.get("billing")).hasMessageStartingWith("connection 'billing' does not decrypt");
    }

    @Test
    void oneRegistryHasOneKey() {
        registry(key).add(postgres("shop", "db1"), null, false);
        MasterKey other = MasterKey.generate();

        assertThatThrownBy(() -> registry(other).add(postgres("billing", "db1"), null, false))
                .hasMessage("the connections of " + registry(key).description() + " were encrypted with master key id "
                        + key.id() + "; the current master key has id " + other.id() + "; set FERRY_MASTER_KEY (or"
                        + " FERRY_MASTER_KEY_FILE) to the key used for them (changing the key of a registry is not"
                        + " supported yet)");
        // the only connection may be re-added under a new key: nothing is left behind unreadable
        assertThat(registry(other).add(postgres("shop", "db1"), null, true)).isTrue();
        assertThat(registry(other).get("shop").password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void namesAndFieldsAreCheckedBeforeAnyKeyIsNeeded() {
        assertThatThrownBy(() -> withoutKey().add(postgres("shop db", "db1"), null, false))
                .hasMessage("connection name 'shop db' may use only letters, digits, '_' and '-' (at most 200), as"
                        + " connection names in config files do");
        assertThatThrownBy(() -> withoutKey().add(postgres("shop", "h".repeat(301)), null, false))
                .hasMessage("connection 'shop': host is longer than 300 characters");
        assertThatThrownBy(() -> withoutKey().add(postgres("shop", "db1"), null, false))
                .hasMessage("cannot add connection 'shop': no master key: test");
    }

    @Test
    void anUnknownNameListsTheOnesThereAre() {
        ConnectionRegistry registry = registry(key);
        assertThatThrownBy(() -> registry.get("shop"))
                .hasMessage("no connection 'shop' in " + registry.description() + "; it holds no connections");
        registry.add(postgres("billing", "db1"), null, false);
        assertThatThrownBy(() -> registry.get("shop"))
                .hasMessage("no connection 'shop' in " + registry.description() + "; connections there: billing");
    }
}
