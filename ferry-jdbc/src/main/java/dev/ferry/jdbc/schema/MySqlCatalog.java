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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** MySQL/MariaDB catalog queries over information_schema. */
final class MySqlCatalog implements SourceCatalog {

    private static final String TABLES = """
            SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME""";

    private static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE,
                   DATETIME_PRECISION, COLUMN_COMMENT
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION""";

    private static final String PRIMARY_KEY = """
            SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION""";

    /** MariaDB stores JSON as LONGTEXT with a json_valid() check; that check is how JSON columns are known. */
    private static final String JSON_CHECKS = """
            SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?""";

    @Override
    public String tablesQuery() {
        return TABLES;
    }

    @Override
    public TableSpec describe(Connection conn, TableId table) throws SQLException {
        Set<String> jsonColumns = jsonColumns(conn, table);
        List<ColumnSpec> columns = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(COLUMNS)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    MySqlTypes.NativeColumn nativeColumn = new MySqlTypes.NativeColumn(rs.getString(2),
                            rs.getString(3), rs.getInt(5), rs.getInt(6), rs.getInt(7), jsonColumns.contains(name));
                    columns.add(new ColumnSpec(name, MySqlTypes.map(nativeColumn), "YES".equals(rs.getString(4)),
                            rs.getString(8)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new FerryException("table " + table + " not found in MySQL/MariaDB (or it has no columns visible to "
                    + "this user); check source.tables in the config");
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(PRIMARY_KEY)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        String comment;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                comment = rs.next() ? rs.getString(1) : "";
            }
        }
        return new TableSpec(table, columns, key, comment);
    }

    private static Set<String> jsonColumns(Connection conn, TableId table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement(JSON_CHECKS)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("json_valid\\(`([^`]+)`\\)")
                            .matcher(rs.getString(1));
                    if (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        } catch (SQLException e) {
            // MySQL before 8.0.16 has no CHECK_CONSTRAINTS; it has a native JSON type instead
            return names;
        }
        return names;
    }
}
