package dev.ferry.demo;

import java.sql.Connection;
import java.sql.SQLException;

/** Idempotent entry points: whatever state the demo tables are in, afterwards they exist and are empty. */
public final class DemoDatabases {

    private DemoDatabases() {
    }

    /** Drops and recreates the shop tables in PostgreSQL, complete with foreign keys and indexes. */
    public static void resetPostgres(Connection connection) throws SQLException {
        PostgresDemoSchema.dropTables(connection);
        PostgresDemoSchema.createTables(connection);
        PostgresDemoSchema.addForeignKeysAndIndexes(connection);
    }

    /** Drops and recreates the legacy tables in the current MariaDB database. */
    public static void resetMariaDb(Connection connection) throws SQLException {
        MariaDbDemoSchema.dropTables(connection);
        MariaDbDemoSchema.createTables(connection);
    }
}
