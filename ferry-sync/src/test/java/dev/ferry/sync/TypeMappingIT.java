package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared steps of the TypeMapping*IT tests (docs/type-mapping.md): sync one table {@code t}, then read back
 * its ClickHouse column types, stored values, dead letters and the validator's verdict. The expectations are
 * those of the test stack's ClickHouse 18.16, which has none of DateTime64, Bool, LowCardinality or
 * Decimal256, so every fallback of the mapping is exercised.
 */
abstract class TypeMappingIT {

    @TempDir
    Path dir;

    /** Syncs the pipeline and checks the test runs against a server of the kind the expectations are for. */
    static SyncReport sync(SyncFixture f, Path config) {
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.capabilities().dateTime64())
                    .as("these expectations are for ClickHouse before 20.1 (the test stack's 18.16)").isFalse();
        }
        return f.sync(config, SyncOptions.DEFAULT);
    }

    /** Column name → ClickHouse type of table {@code t}, in column order, without Ferry's own {@code _version}. */
    static Map<String, String> columnTypes(SyncFixture f) {
        Map<String, String> types = new LinkedHashMap<>();
        try (ClickHouseGateway ch = f.clickhouse()) {
            for (List<String> row : ch.queryAll("SELECT name, type FROM system.columns "
                    + "WHERE database = currentDatabase() AND table = 't' AND name != '_version'")) {
                types.put(row.get(0), row.get(1));
            }
        }
        return types;
    }

    /** The rows of a SELECT as ClickHouse prints them in TabSeparated (NULL → null). */
    static List<List<String>> query(SyncFixture f, String select) {
        try (ClickHouseGateway ch = f.clickhouse()) {
            return ch.queryAll(select);
        }
    }

    /** (row key, reason) of every dead letter of table {@code t}, by key. */
    static List<List<String>> deadLetters(SyncFixture f) {
        return query(f, "SELECT row_key, error FROM _ferry_dead_letters ORDER BY toInt64(row_key)");
    }

    /** Runs the validator: the table must be equal, with {@code unwritable} rows known to be dead letters. */
    static void assertValidates(SyncFixture f, Path config, long unwritable) {
        FerryConfig loaded = f.load(config);
        List<TableValidation> result = new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { });
        assertThat(result).singleElement().satisfies(t -> {
            assertThat(t.state()).as("validation of %s: %s", t.table(), t).isEqualTo(unwritable == 0
                    ? TableValidation.State.EQUAL : TableValidation.State.EQUAL_EXCEPT_DEAD_LETTERS);
            assertThat(t.unwritable()).isEqualTo(unwritable);
            assertThat(t.clickhouseRows()).isEqualTo(t.sourceRows() - unwritable);
        });
    }

    /** A row of expected values; null for NULL. */
    static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
