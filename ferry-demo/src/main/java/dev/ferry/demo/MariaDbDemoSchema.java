package dev.ferry.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The "legacy" back office in MariaDB/MySQL: customers and invoices in the current database. The columns
 * deliberately use MySQL-specific types (unsigned ids, ENUM, SET, YEAR, tinyint(1) flags, JSON, utf8mb4
 * text) so that the demo shows how Ferry maps them.
 */
public final class MariaDbDemoSchema {

    /** The demo tables in dependency order. */
    public static final List<String> TABLES = List.of("customers", "invoices");

    private static final List<String> CREATE_TABLES = List.of(
            """
            CREATE TABLE customers (
                id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                code char(8) NOT NULL,
                name varchar(200) CHARACTER SET utf8mb4 NOT NULL,
                segment enum('retail', 'wholesale', 'vip') NOT NULL,
                flags set('newsletter', 'sms', 'push'),
                balance decimal(14,2) NOT NULL,
                created_at datetime NOT NULL,
                updated_at datetime NOT NULL,
                KEY customers_updated_at (updated_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE invoices (
                id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                customer_id int unsigned NOT NULL,
                invoice_no varchar(32) NOT NULL,
                amount decimal(14,2) NOT NULL,
                currency char(3) NOT NULL,
                paid tinyint(1) NOT NULL,
                issued_on date NOT NULL,
                year_of year NOT NULL,
                notes text,
                metadata json,
                created_at datetime NOT NULL,
                updated_at datetime NOT NULL,
                KEY invoices_updated_at (updated_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

    private MariaDbDemoSchema() {
    }

    public static void createTables(Connection connection) throws SQLException {
        run(connection, CREATE_TABLES);
    }

    /** Drops the demo tables if they exist; other tables in the database are left alone. */
    public static void dropTables(Connection connection) throws SQLException {
        run(connection, List.of("DROP TABLE IF EXISTS invoices, customers"));
    }

    private static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
