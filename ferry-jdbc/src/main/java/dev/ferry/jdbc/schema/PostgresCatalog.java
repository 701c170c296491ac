package dev.ferry.jdbc.schema;

import dev.ferry.core.FerryException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.TableId;
import dev.ferry.core.schema.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL catalog queries (pg_catalog, which unlike information_schema shows array and enum details). */
final class PostgresCatalog implements SourceCatalog {

    private static final String TABLES = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1, 2""";

    private static final String COLUMNS = """
            SELECT a.attname,
                   format_type(a.atttypid, a.atttypmod),
                   coalesce(bt.typname, t.typname),
                   coalesce(bt.typtype, t.typtype),
                   coalesce(bt.typcategory, t.typcategory),
                   et.typname,
                   NOT a.attnotnull,
                   col_description(a.attrelid, a.attnum),
                   a.attndims
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            LEFT JOIN pg_type et ON et.oid = coalesce(bt.typelem, t.typelem) AND coalesce(bt.typcategory, t.typcategory) = 'A'
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String PRIMARY_KEY = """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = ?::regclass AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)""";

    /** Tables inheriting from a table (INHERITS); partitions are not, they belong to their partitioned table. */
    private static final String INHERITANCE_CHILDREN = """
            SELECT n.nspname, c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.inhparent = ?::regclass AND NOT c.relispartition ORDER BY 1, 2""";

    @Override
    public String tablesQuery() {
        return TABLES;
    }

    @Override
    public TableSpec describe(Connection conn, TableId table) throws SQLException {
        String regclass = quote(table.schema()) + "." + quote(table.table());
        if (!exists(conn, table)) {
            throw new FerryException("table " + table + " not found in PostgreSQL database " + conn.getCatalog()
                    + "; check source.tables in the config");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(COLUMNS)) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PostgresTypes.NativeColumn nativeColumn = new PostgresTypes.NativeColumn(rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(9));
                    columns.add(new ColumnSpec(rs.getString(1), PostgresTypes.map(nativeColumn), rs.getBoolean(7),
                            rs.getString(8)));
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(PRIMARY_KEY)) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        String comment;
        try (PreparedStatement ps = conn.prepareStatement("SELECT obj_description(?::regclass, 'pg_class')")) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                comment = rs.getString(1);
            }
        }
        List<TableId> children = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(INHERITANCE_CHILDREN)) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return new TableSpec(table, columns, key, comment, children);
    }

    private static boolean exists(Connection conn, TableId table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
