package dev.ferry.sync.validate;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.sync.DeadLetterRows;
import dev.ferry.sync.TableMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source rows of one table that cannot be written to ClickHouse, and whether {@code _ferry_dead_letters}
 * holds each of them. Only those it holds are accounted for; any other is simply missing. Keyed rows are
 * found by their key, keyless ones by their whole payload (the texts the loads write, {@link DeadLetterRows}).
 */
final class DeadLetterCheck {

    /** What is known of the dead letters of a table. */
    record Result(long rows, long missingRows, List<String> missingSample) {
    }

    private final TableMapping table;
    /** Row identity (key or payload) to how many source rows have it. */
    private final Map<String, Long> unwritable = new LinkedHashMap<>();
    private long rows;

    DeadLetterCheck(TableMapping table) {
        this.table = table;
    }

    void add(Object[] values) {
        rows++;
        unwritable.merge(identity(values), 1L, Long::sum);
    }

    private String identity(Object[] values) {
        return table.keyed() ? DeadLetterRows.key(table, values) : DeadLetterRows.payload(table, values);
    }

    /** Looks the rows up in {@code <database>._ferry_dead_letters}, among the letters of this pipeline and table. */
    Result verify(ClickHouseGateway clickhouse, String database, String pipeline) {
        if (rows == 0) {
            return new Result(0, 0, List.of());
        }
        Set<String> lettered = new HashSet<>();
        if (new ClickHouseCatalog(clickhouse).exists(database, DeadLetterTable.NAME)) {
            String column = table.keyed() ? "row_key" : "payload";
            clickhouse.query("SELECT DISTINCT " + column + " FROM " + ClickHouseGateway.quoteIdentifier(database) + "."
                    + ClickHouseGateway.quoteIdentifier(DeadLetterTable.NAME) + " WHERE pipeline = "
                    + ClickHouseGateway.quoteString(pipeline) + " AND source_table = "
                    + ClickHouseGateway.quoteString(table.name()), row -> lettered.add(row.get(0)));
        }
        long missing = 0;
        List<String> sample = new ArrayList<>();
        for (Map.Entry<String, Long> row : unwritable.entrySet()) {
            if (!lettered.contains(row.getKey())) {
                missing += row.getValue();
                if (sample.size() < ChunkComparison.SAMPLE) {
                    sample.add(table.keyed() ? row.getKey() : abbreviate(row.getKey()));
                }
            }
        }
        return new Result(rows, missing, sample);
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 80 ? payload : payload.substring(0, 77) + "...";
    }
}
