package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared steps of the tests of dates outside ClickHouse's Date and DateTime (docs/type-mapping.md, "Dates
 * outside a type's range"), on the test stack's 18.16, which has neither Date32 nor DateTime64: there a
 * column whose values do not fit becomes text, and no row is lost.
 */
abstract class DatesOutOfRangeIT {

    @TempDir
    Path dir;

    static SyncReport sync(SyncFixture f, Path config, SyncOptions options) {
        try (ClickHouseGateway ch = f.clickhouse()) {
            assertThat(ch.capabilities().date32()).as("these expectations are for ClickHouse 18.16").isFalse();
        }
        return f.sync(config, options);
    }

    /** Table name → (mode, rows written, dead letters) of a run, in the order the tables finished. */
    static Map<String, List<Object>> outcome(SyncReport report) {
        Map<String, List<Object>> byTable = new LinkedHashMap<>();
        report.tables().forEach(t -> byTable.put(t.table(), List.of(t.mode(), t.rows(), t.deadLetters())));
        return byTable;
    }

    /** Column → type of a ClickHouse table, without Ferry's own columns. */
    static Map<String, String> types(SyncFixture f, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        try (ClickHouseGateway ch = f.clickhouse()) {
            for (List<String> row : ch.queryAll("SELECT name, type FROM system.columns WHERE database = "
                    + "currentDatabase() AND table = '" + table + "' AND name NOT IN ('_version', '_is_deleted')")) {
                types.put(row.get(0), row.get(1));
            }
        }
        return types;
    }

    static List<List<String>> query(SyncFixture f, String select) {
        try (ClickHouseGateway ch = f.clickhouse()) {
            return ch.queryAll(select);
        }
    }

    /** Every table equal to its source, value by value, with {@code unwritable} rows per table known as dead letters. */
    static List<TableValidation> validate(SyncFixture f, Path config) {
        FerryConfig loaded = f.load(config);
        return new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { });
    }

    static void assertAllEqual(SyncFixture f, Path config) {
        assertThat(validate(f, config)).isNotEmpty().allSatisfy(t -> {
            assertThat(t.equal()).as("validation of %s: %s", t.table(), t).isTrue();
            assertThat(t.unwritable()).as("dead letters of %s", t.table()).isZero();
            assertThat(t.clickhouseRows()).isEqualTo(t.sourceRows());
        });
    }
}
