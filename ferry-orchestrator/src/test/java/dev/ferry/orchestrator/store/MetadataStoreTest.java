package dev.ferry.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {

    @Test
    void embeddedStoreIsCreatedAndMigratedAndOpensAgain(@TempDir Path dir) throws Exception {
        try (MetadataStore store = MetadataStore.embedded(dir)) {
            try (Connection connection = store.dataSource().getConnection()) {
                connection.createStatement().execute("INSERT INTO dag (dag_id, paused, first_seen_at) VALUES ('d', FALSE, 1)");
            }
        }
        try (MetadataStore store = MetadataStore.embedded(dir);
             Connection connection = store.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT dag_id FROM dag")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("d");
        }
    }
}
