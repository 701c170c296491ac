package dev.ferry.cdc;

import dev.ferry.clickhouse.write.TombstoneRow;
import dev.ferry.core.FerryException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.jdbc.read.SourceRow;
import dev.ferry.sync.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills in the columns an update did not carry: PostgreSQL leaves an unchanged TOAST value (a large text,
 * jsonb, bytea, array...) out of the change unless the table has REPLICA IDENTITY FULL, and writing a
 * placeholder would overwrite the stored value.
 *
 * <p>The value is read from the source row as it is now. That is the value the change saw unless the
 * column changed since, and then a later change carries the new value (a changed TOAST value is always
 * sent) and wins by its higher version; if the row is gone, a later delete hides it. So the current state
 * ends right either way, with one keyed query per batch instead of a read of the ClickHouse table.
 */
final class ToastFiller {

    private static final int KEYS_PER_QUERY = 500;

    private final JdbcEndpoint source;
    private final SourceSql sql;
    private final java.util.concurrent.atomic.AtomicLong filledRows = new java.util.concurrent.atomic.AtomicLong();

    ToastFiller(JdbcEndpoint source) {
        this.source = source;
        this.sql = new SourceSql(source.kind());
    }

    /** Changes whose missing values were read from the source so far. */
    long filledRows() {
        return filledRows.get();
    }

    static boolean lacksValues(Object[] row) {
        for (Object value : row) {
            if (value == DebeziumValues.UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the unavailable values of {@code rows} (changes of {@code table}) in place. */
    void fill(TableMapping table, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> key = table.keyColumns();
        Map<List<Object>, Object[]> current = new HashMap<>();
        try (Connection conn = DataSources.connect(source)) {
            sql.prepareForReading(conn);
            RowReader reader = new RowReader(source.kind(), table.source());
            List<List<Object>> keys = rows.stream().map(r -> keyOf(r, key)).distinct().toList();
            for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
                List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
                try (PreparedStatement ps = conn.prepareStatement(query(table, chunk.size()))) {
                    int parameter = 1;
                    for (List<Object> k : chunk) {
                        for (Object part : k) {
                            ps.setObject(parameter++, part);
                        }
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SourceRow row = reader.read(rs);
                            current.put(keyOf(row.values(), key), row.values());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new FerryException("cannot read unchanged TOAST values of " + table.name() + " from the source: "
                    + e.getMessage(), e);
        }
        filledRows.addAndGet(rows.size());
        for (Object[] row : rows) {
            Object[] stored = current.get(keyOf(row, key));
            for (int i = 0; i < row.length; i++) {
                if (row[i] == DebeziumValues.UNAVAILABLE) {
                    // no row: deleted since, and that delete follows in the stream and hides this version
                    row[i] = stored != null ? stored[i] : null;
                }
            }
            if (stored == null) {
                Object[] filled = TombstoneRow.fill(row, table.source().columns());
                System.arraycopy(filled, 0, row, 0, row.length);
            }
        }
    }

    private String query(TableMapping table, int keys) {
        List<ColumnSpec> columns = table.source().columns();
        String keyColumns = table.keyColumns().stream().map(i -> sql.quote(columns.get(i).name()))
                .collect(Collectors.joining(", ", "(", ")"));
        String one = table.keyColumns().stream().map(i -> "?").collect(Collectors.joining(", ", "(", ")"));
        List<String> tuples = new ArrayList<>(java.util.Collections.nCopies(keys, one));
        return sql.selectAll(table.source()) + " WHERE " + keyColumns + " IN (" + String.join(", ", tuples) + ")";
    }

    private static List<Object> keyOf(Object[] row, List<Integer> key) {
        return Arrays.asList(key.stream().map(i -> row[i]).toArray());
    }
}
