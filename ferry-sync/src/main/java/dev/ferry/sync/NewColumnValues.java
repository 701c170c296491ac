package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.SchemaDiff;
import dev.ferry.core.FerryException;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds source columns a target lacks that already hold values in rows an incremental run would not read
 * again (outside its cursor window, or with a NULL cursor): {@code ADD COLUMN ... DEFAULT} (or a generated
 * column) fills every existing row without touching its cursor, and a renamed column keeps its values under the
 * new name. Adding the column in ClickHouse would leave those rows NULL, silently unlike the source, so such a
 * table is loaded again by a snapshot instead.
 */
public final class NewColumnValues {

    private NewColumnValues() {
    }

    /**
     * The new columns of {@code table} that hold a non-NULL value in a source row the next incremental run would
     * not read; empty when none.
     *
     * @param window the run's cursor window
     * @param mark   the table's high-water mark (null: no mark yet, the run reads every row with a cursor)
     */
    static List<String> find(JdbcEndpoint source, ClickHouseGateway clickhouse, TableMapping table,
            CursorWindow window, String mark) {
        Map<String, String> existing = new ClickHouseCatalog(clickhouse)
                .columns(table.target().database(), table.target().name()).orElse(null);
        if (existing == null) {
            return List.of();
        }
        List<String> columns = SchemaDiff.of(existing, table.target()).newColumns();
        if (columns.isEmpty()) {
            return List.of();
        }
        SourceSql sql = new SourceSql(source.kind());
        String cursor = sql.quote(window.cursor().name());
        String unread = cursor + " IS NULL" + (mark == null ? "" : " OR NOT (" + window.condition(sql) + ")");
        return anyValue(source, table, columns, unread, mark) ? columns : List.of();
    }

    /** Whether any source row of {@code table} has a non-NULL value in one of {@code columns}. */
    public static boolean anyValue(JdbcEndpoint source, TableMapping table, List<String> columns) {
        return anyValue(source, table, columns, null, null);
    }

    /**
     * @param rows a condition on the rows to look at, null for all; {@code mark} is bound to its one
     *             parameter, if it has one
     */
    private static boolean anyValue(JdbcEndpoint source, TableMapping table, List<String> columns, String rows,
            String mark) {
        SourceSql sql = new SourceSql(source.kind());
        String anyValue = columns.stream().map(c -> sql.quote(c) + " IS NOT NULL").collect(Collectors.joining(" OR "));
        String where = "(" + anyValue + ")" + (rows == null ? "" : " AND (" + rows + ")");
        try (Connection conn = DataSources.connect(source); PreparedStatement ps = conn.prepareStatement(
                "SELECT 1 FROM " + sql.from(table.source()) + " WHERE " + where + " LIMIT 1")) {
            sql.prepareForReading(conn);
            if (mark != null) {
                ps.setString(1, mark);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new FerryException("cannot check the new columns " + columns + " of " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }
}
