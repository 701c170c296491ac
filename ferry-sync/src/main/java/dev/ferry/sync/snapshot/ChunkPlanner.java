package dev.ferry.sync.snapshot;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.sync.TableMapping;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a table into key ranges of about {@code chunkRows} rows so that chunks load in parallel and a
 * resumed snapshot redoes only unfinished ones. Only single-column integer keys can be split by value;
 * other tables are one chunk (read as one stream, resumed as a whole).
 */
public final class ChunkPlanner {

    private static final Set<LogicalKind> SPLITTABLE = EnumSet.of(LogicalKind.INT8, LogicalKind.INT16,
            LogicalKind.INT32, LogicalKind.INT64, LogicalKind.UINT8, LogicalKind.UINT16, LogicalKind.UINT32);

    private ChunkPlanner() {
    }

    /** The column chunks are split on, or null when the table is read as one chunk. */
    public static ColumnSpec splitColumn(TableMapping table) {
        if (table.keyColumns().size() != 1) {
            return null;
        }
        ColumnSpec key = table.source().columns().get(table.keyColumns().get(0));
        return SPLITTABLE.contains(key.type().kind()) ? key : null;
    }

    /** Row count and chunk bounds, read on {@code conn} (inside the snapshot, so they match what is read). */
    public record Plan(long rows, List<long[]> chunks) {
    }

    public static Plan plan(Connection conn, SourceSql sql, TableMapping table, int chunkRows) throws SQLException {
        ColumnSpec key = splitColumn(table);
        String from = " FROM " + sql.from(table.source());
        try (Statement st = conn.createStatement()) {
            if (key == null) {
                try (ResultSet rs = st.executeQuery("SELECT count(*)" + from)) {
                    rs.next();
                    return new Plan(rs.getLong(1), List.of());
                }
            }
            String column = sql.quote(key.name());
            try (ResultSet rs = st.executeQuery("SELECT count(*), min(" + column + "), max(" + column + ")" + from)) {
                rs.next();
                long rows = rs.getLong(1);
                if (rows == 0) {
                    return new Plan(0, List.of());
                }
                return new Plan(rows, ranges(rs.getLong(2), rs.getLong(3), rows, chunkRows));
            }
        }
    }

    /** Equal-width value ranges covering [min, max], sized so that an evenly filled range holds chunkRows. */
    static List<long[]> ranges(long min, long max, long rows, int chunkRows) {
        long chunks = Math.max(1, (rows + chunkRows - 1) / chunkRows);
        long span = max - min + 1;
        long width = Math.max(1, (span + chunks - 1) / chunks);
        List<long[]> ranges = new ArrayList<>();
        for (long low = min; low <= max; low += width) {
            long high = Math.min(max, low + width - 1);
            ranges.add(new long[] {low, high});
            if (high == max) {
                break;
            }
        }
        return ranges;
    }
}
