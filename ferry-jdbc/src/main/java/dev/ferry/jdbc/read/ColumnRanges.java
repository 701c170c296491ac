package dev.ferry.jdbc.read;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.core.schema.TemporalRange;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.jdbc.SourceSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The earliest and latest value of a table's date and time columns (and of the elements of PostgreSQL arrays
 * of them), read in one query, so that the target can get a type that holds them all.
 *
 * <p>MySQL's zero dates and dates with a zero month or day are left out: a zero date becomes the epoch, which
 * every ClickHouse date type holds, and the others cannot be read at all. A bound that cannot be read
 * (MySQL's {@code ALLOW_INVALID_DATES} lets {@code 2024-02-30} in) gives {@link TemporalRange#ALL}, which only
 * text holds: Ferry does not know the column's real extent then.
 */
public final class ColumnRanges {

    /** MySQL TIMESTAMP's own range, which needs no query: 1970-01-01 00:00:01 .. 2038-01-19 03:14:07.999999 UTC. */
    private static final TemporalRange MYSQL_TIMESTAMP = new TemporalRange(Instant.EPOCH,
            Instant.parse("2038-01-19T03:14:07.999999Z"));

    private ColumnRanges() {
    }

    /** Whether the column's values (or array elements) are dates or times, whose range this class reads. */
    public static boolean isTemporal(ColumnSpec column) {
        LogicalType type = column.type().kind() == LogicalKind.ARRAY ? column.type().element() : column.type();
        return switch (type.kind()) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> true;
            default -> false;
        };
    }

    /**
     * @param columns temporal columns of {@code table} ({@link #isTemporal})
     * @return each column's range by name, in the given order
     */
    public static Map<String, TemporalRange> read(Connection conn, SourceSql sql, TableSpec table,
            List<ColumnSpec> columns) throws SQLException {
        Map<String, TemporalRange> ranges = new LinkedHashMap<>();
        List<ColumnSpec> queried = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (ColumnSpec column : columns) {
            if (sql.kind() == SourceKind.MYSQL && column.type().kind() == LogicalKind.TIMESTAMP_TZ) {
                ranges.put(column.name(), MYSQL_TIMESTAMP);
            } else {
                ranges.put(column.name(), TemporalRange.EMPTY);
                queried.add(column);
                expressions.add(bound(sql, table, column, "min"));
                expressions.add(bound(sql, table, column, "max"));
            }
        }
        if (queried.isEmpty()) {
            return ranges;
        }
        sql.prepareForReading(conn); // timestamptz and MySQL TIMESTAMP bounds must come in UTC, as rows do
        String query = "SELECT " + String.join(", ", expressions) + " FROM " + sql.table(table.id());
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            for (int i = 0; i < queried.size(); i++) {
                ColumnSpec column = queried.get(i);
                ranges.put(column.name(), range(sql.kind(), column, rs, 2 * i + 1));
            }
        }
        return ranges;
    }

    private static TemporalRange range(SourceKind kind, ColumnSpec column, ResultSet rs, int index)
            throws SQLException {
        LogicalType type = column.type().kind() == LogicalKind.ARRAY ? column.type().element() : column.type();
        ColumnReader reader = ColumnReaders.forType(kind, type);
        try {
            return TemporalRange.of(reader.read(rs, index), reader.read(rs, index + 1));
        } catch (RuntimeException unreadable) {
            return TemporalRange.ALL;
        }
    }

    private static String bound(SourceSql sql, TableSpec table, ColumnSpec column, String function) {
        String quoted = sql.quote(column.name());
        if (sql.kind() == SourceKind.MYSQL) {
            // text, as rows are read; zero dates and zero months or days left out (see the class comment)
            return "CAST(" + function + "(CASE WHEN MONTH(" + quoted + ") <> 0 AND DAYOFMONTH(" + quoted + ") <> 0 THEN "
                    + quoted + " END) AS CHAR)";
        }
        if (column.type().kind() == LogicalKind.ARRAY) {
            return "(SELECT " + function + "(e.v) FROM " + sql.table(table.id()) + " AS src, unnest(src." + quoted
                    + ") AS e(v))";
        }
        return function + "(" + quoted + ")";
    }
}
