package dev.ferry.jdbc.schema;

import dev.ferry.core.schema.TableId;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.SourceKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads tables, columns, types, keys and comments from a source database's catalog. */
public interface SourceCatalog {

    /** A query returning (schema, table) of the base tables visible to the user, outside system schemas. */
    String tablesQuery();

    /** Base tables visible to the user, outside system schemas. */
    default List<TableId> listTables(Connection conn) throws SQLException {
        List<TableId> tables = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = conn.prepareStatement(tablesQuery());
                java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    /** The table's columns in order, primary key and comments; fails clearly when the table is missing. */
    TableSpec describe(Connection conn, TableId table) throws SQLException;

    static SourceCatalog of(SourceKind kind) {
        return switch (kind) {
            case POSTGRES -> new PostgresCatalog();
            case MYSQL -> new MySqlCatalog();
        };
    }
}
