package dev.ferry.jdbc;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.TableId;
import dev.ferry.core.schema.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** SQL text and session settings that differ between PostgreSQL and MySQL/MariaDB. */
public final class SourceSql {

    /** Rows fetched per round trip when streaming a table (a few MB: fewer round trips, bounded memory). */
    public static final int FETCH_SIZE = 20_000;

    private final SourceKind kind;

    public SourceSql(SourceKind kind) {
        this.kind = kind;
    }

    public SourceKind kind() {
        return kind;
    }

    public String quote(String identifier) {
        return switch (kind) {
            case POSTGRES -> "\"" + identifier.replace("\"", "\"\"") + "\"";
            case MYSQL -> "`" + identifier.replace("`", "``") + "`";
        };
    }

    public String table(TableId id) {
        return quote(id.schema()) + "." + quote(id.table());
    }

    /**
     * The table to read rows from: a PostgreSQL inheritance parent as {@code ONLY parent}, because a plain
     * {@code SELECT} would return its children's rows too, which Ferry syncs as tables of their own.
     */
    public String from(TableSpec table) {
        return table.inheritanceChildren().isEmpty() ? table(table.id()) : "ONLY " + table(table.id());
    }

    public String columnList(TableSpec table) {
        return columnList(table.columns().stream().map(ColumnSpec::name).toList());
    }

    public String columnList(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** {@code SELECT <all columns> FROM <table>}, to be followed by a WHERE/ORDER BY as needed. */
    public String selectAll(TableSpec table) {
        return "SELECT " + table.columns().stream().map(this::selectExpression).collect(Collectors.joining(", "))
                + " FROM " + from(table);
    }

    /**
     * MySQL/MariaDB specifics. FLOAT values arrive as text rounded to 6 significant digits; {@code col + 0e0}
     * makes the server send the exact value as a double, which narrows back to the stored float without
     * loss. Dates and times are selected as CHAR: the server's text is what Ferry parses anyway, and the
     * driver would otherwise parse each DATETIME and format it back (a tenth of a snapshot's CPU).
     */
    private String selectExpression(ColumnSpec column) {
        String quoted = quote(column.name());
        if (kind != SourceKind.MYSQL) {
            return quoted;
        }
        return switch (column.type().kind()) {
            case FLOAT32 -> "(" + quoted + " + 0e0) AS " + quoted;
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> "CAST(" + quoted + " AS CHAR) AS " + quoted;
            default -> quoted;
        };
    }

    /**
     * Puts a fresh connection into the state Ferry reads in: UTC session time zone (so temporal values come
     * back unshifted) and, for PostgreSQL, a transaction so that fetch-size streaming is honoured.
     */
    public void prepareForReading(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            switch (kind) {
                case POSTGRES -> st.execute("SET TIME ZONE 'UTC'");
                case MYSQL -> st.execute("SET time_zone = '+00:00'");
            }
        }
    }

    /** A statement that streams its result instead of loading it whole into memory. */
    public Statement streamingStatement(Connection conn) throws SQLException {
        Statement st = conn.createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
        st.setFetchSize(FETCH_SIZE);
        return st;
    }

    /** Same for a prepared statement. */
    public java.sql.PreparedStatement streamingStatement(Connection conn, String sql) throws SQLException {
        java.sql.PreparedStatement ps = conn.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                java.sql.ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH_SIZE);
        return ps;
    }
}
