package dev.ferry.sync;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.jdbc.read.SourceRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Reads incremental cursor values in the source's own SQL. */
public final class CursorReader {

    private CursorReader() {
    }

    /**
     * Greatest cursor value now, in the text {@link CursorText} writes marks in; null for an empty table.
     * PostgreSQL's {@code infinity} is left out: as a mark it would hide every later change, and its rows
     * cannot be written anyway (they go to the dead letters, run after run, which says so).
     */
    public static String max(Connection conn, SourceSql sql, TableMapping table) throws SQLException {
        ColumnSpec cursor = cursorColumn(table);
        LogicalKind kind = cursor.type().kind();
        String column = sql.quote(cursor.name());
        boolean temporal = CursorKinds.temporal(kind);
        // MySQL dates and times are read as text, as the snapshot reads them (SourceSql.selectAll)
        String value = sql.kind() == SourceKind.MYSQL && temporal ? "CAST(max(" + column + ") AS CHAR)"
                : "max(" + column + ")";
        String where = sql.kind() == SourceKind.POSTGRES && temporal ? " WHERE isfinite(" + column + ")" : "";
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + value + " FROM " + sql.from(table.source()) + where)) {
            rs.next();
            TableSpec cursorOnly = new TableSpec(table.source().id(), List.of(cursor), List.of(), null);
            SourceRow row = new RowReader(sql.kind(), cursorOnly).read(rs);
            // a value Ferry cannot read keeps the server's own text, which the server casts back as before
            return row.isBad() ? rs.getString(1) : CursorText.of(row.values()[0], kind);
        }
    }

    /**
     * Rows whose cursor is NULL, which no {@code cursor >= mark} condition reads; 0 without a query when the
     * column is NOT NULL.
     */
    public static long nullCount(Connection conn, SourceSql sql, TableMapping table) throws SQLException {
        ColumnSpec cursor = cursorColumn(table);
        if (!cursor.nullable()) {
            return 0;
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                + sql.from(table.source()) + " WHERE " + sql.quote(cursor.name()) + " IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rows whose cursor value cannot be a high-water mark ({@link CursorText#markable}): PostgreSQL's
     * {@code infinity} and {@code -infinity}, dates before year 1 (BC) or after 9999, MySQL's zero dates. They
     * are reported, since the mark passes them by; 0 for cursors that are not dates or times.
     */
    public static long unmarkableCount(Connection conn, SourceSql sql, TableMapping table) throws SQLException {
        ColumnSpec cursor = cursorColumn(table);
        if (!CursorKinds.temporal(cursor.type().kind())) {
            return 0;
        }
        String column = sql.quote(cursor.name());
        String condition = switch (sql.kind()) {
            case POSTGRES -> "NOT isfinite(" + column + ") OR " + column + " < '0001-01-01' OR " + column
                    + " >= '10000-01-01'";
            case MYSQL -> "CAST(" + column + " AS CHAR) LIKE '0000%'";
        };
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                + sql.from(table.source()) + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The warning for {@link #unmarkableCount} rows, or null when there are none. */
    public static String unmarkableWarning(TableMapping table, long rows) {
        if (rows == 0) {
            return null;
        }
        String column = table.cursorColumn();
        return rows + " rows have a " + column + " that cannot be the high-water mark (infinity, -infinity, a date "
                + "before year 1 or after 9999, a zero date): the mark moves over the other values only, so later "
                + "changes are still read; rows at infinity are read again by every run, the others only by a "
                + "snapshot (ferry sync --full); find them with: SELECT * FROM " + table.name() + " WHERE " + column
                + " is one of these";
    }

    static ColumnSpec cursorColumn(TableMapping table) {
        return table.source().column(table.cursorColumn()).orElseThrow();
    }
}
