package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@FerryIntegrationTest
class DemoDataGeneratorIT {

    private static final LocalDateTime END = LocalDateTime.of(2025, 7, 1, 0, 0);
    private static final DemoSize SIZE = DemoSize.ofOrderItems(3000);

    @Test
    void postgresShopHasTheRequestedRowsAndConsistentOrders(TestDatabases db) throws SQLException {
        try (Connection pg = db.postgresConnection()) {
            List<Long> progress = new ArrayList<>();
            long written = DemoDataGenerator.withDefaultSeed(END).generatePostgres(pg, SIZE, progress::add);

            assertThat(written).isEqualTo(SIZE.postgresRows());
            assertThat(progress).isSorted().last().isEqualTo(written);
            assertThat(count(pg, "sellers")).isEqualTo(SIZE.sellers());
            assertThat(count(pg, "users")).isEqualTo(SIZE.users());
            assertThat(count(pg, "products")).isEqualTo(SIZE.products());
            assertThat(count(pg, "orders")).isEqualTo(SIZE.orders());
            assertThat(count(pg, "order_items")).isEqualTo(SIZE.orderItems());
            // the foreign keys were added after the load, so they have validated every row
            assertThat(longValue(pg, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(4);
            assertThat(longValue(pg, "SELECT count(*) FROM order_items i LEFT JOIN orders o ON o.id = i.order_id"
                    + " WHERE o.id IS NULL")).isZero();
            assertThat(longValue(pg, "SELECT count(*) FROM orders WHERE id NOT IN (SELECT order_id FROM order_items)"))
                    .isZero();
            assertThat(longValue(pg, """
                    SELECT count(*) FROM orders o
                    JOIN (SELECT order_id, sum(quantity * unit_price) AS items FROM order_items GROUP BY order_id) s
                      ON s.order_id = o.id
                    WHERE o.total <> s.items""")).isZero();
        }
    }

    @Test
    void postgresValuesAreRealisticAndSurviveCopy(TestDatabases db) throws SQLException {
        try (Connection pg = db.postgresConnection()) {
            DemoDataGenerator.withDefaultSeed(END).generatePostgres(pg, SIZE, null);

            // orders span the 18 months before the end and never lie in the future
            assertThat(longValue(pg, "SELECT count(*) FROM orders WHERE created_at < timestamp '2024-01-01'"
                    + " OR created_at >= timestamp '2025-07-01' OR updated_at < created_at"
                    + " OR updated_at >= timestamp '2025-07-01'")).isZero();
            assertThat(longValue(pg, "SELECT count(DISTINCT date_trunc('month', created_at)) FROM orders")).isEqualTo(18);
            assertThat(strings(pg, "SELECT DISTINCT status FROM orders")).contains("delivered", "cancelled");
            assertThat(strings(pg, "SELECT DISTINCT category FROM products")).hasSize(10).contains("Electronics", "Auto");
            // no order was placed before its user signed up
            assertThat(longValue(pg, "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id"
                    + " WHERE o.created_at < u.created_at")).isZero();
            // array elements with quotes and commas come back as single elements
            assertThat(longValue(pg, "SELECT count(*) FROM products WHERE tags && ARRAY['27\" screen', 'kids, 3+']"))
                    .isPositive();
            assertThat(longValue(pg, "SELECT count(*) FROM products WHERE attributes ->> 'color' IS NOT NULL")).isPositive();
            assertThat(longValue(pg, "SELECT count(*) FROM users WHERE full_name ~ '[А-я]'")).isPositive();
            assertThat(longValue(pg, "SELECT count(*) FROM users WHERE email !~ '^[a-z.]+[0-9]+@example\\.com$'"))
                    .isZero();
            // sequences were moved past the loaded ids, so new rows get fresh ids
            assertThat(longValue(pg, "INSERT INTO sellers (name, country, created_at) VALUES ('New', 'DE', now())"
                    + " RETURNING id")).isEqualTo(SIZE.sellers() + 1);
        }
    }

    @Test
    void sameSeedGivesTheSameShopAndAnotherSeedAnotherOne(TestDatabases db) throws SQLException {
        try (Connection pg = db.postgresConnection()) {
            new DemoDataGenerator(42, END).generatePostgres(pg, SIZE, null);
            Map<String, String> first = postgresChecksums(pg);
            // running again replaces the tables (idempotent) with identical rows
            new DemoDataGenerator(42, END).generatePostgres(pg, SIZE, null);
            assertThat(postgresChecksums(pg)).isEqualTo(first);
            new DemoDataGenerator(7, END).generatePostgres(pg, SIZE, null);
            Map<String, String> other = postgresChecksums(pg);
            assertThat(other.keySet()).isEqualTo(first.keySet());
            other.forEach((table, sum) -> assertThat(sum).as(table).isNotEqualTo(first.get(table)));
        }
    }

    @Test
    void mariaDbLegacyRowsKeepTheirTypesAndCharacters(TestDatabases db) throws SQLException {
        try (Connection maria = db.mariadbConnection()) {
            DemoDataGenerator generator = DemoDataGenerator.withDefaultSeed(END);
            long written = generator.generateMariaDb(maria, SIZE, null);

            assertThat(written).isEqualTo(SIZE.mariaDbRows());
            assertThat(count(maria, "customers")).isEqualTo(SIZE.legacyCustomers());
            assertThat(count(maria, "invoices")).isEqualTo(SIZE.legacyInvoices());
            assertThat(longValue(maria, "SELECT count(*) FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id"
                    + " WHERE c.id IS NULL OR i.issued_on < DATE(c.created_at)")).isZero();
            assertThat(longValue(maria, "SELECT count(*) FROM invoices WHERE year_of <> YEAR(issued_on)"
                    + " OR (metadata IS NOT NULL AND NOT JSON_VALID(metadata))")).isZero();
            assertThat(strings(maria, "SELECT DISTINCT segment FROM customers")).contains("retail");

            // what the server counts as characters matches what Java reads back: no '?' or mangled emoji
            List<String> names = new ArrayList<>();
            try (Statement statement = maria.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name, char_length(name) FROM customers")) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    assertThat(name.codePointCount(0, name.length())).as(name).isEqualTo(rows.getInt(2));
                    names.add(name);
                }
            }
            assertThat(names).anyMatch(n -> n.codePoints().anyMatch(Character::isSupplementaryCodePoint));
            assertThat(names).anyMatch(n -> n.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c)
                    == Character.UnicodeBlock.CYRILLIC));
            assertThat(names).filteredOn(MariaDbLegacyLoader.SPECIAL_NAMES::contains).isNotEmpty();

            String checksum = mariaDbChecksum(maria);
            generator.generateMariaDb(maria, SIZE, null);
            assertThat(mariaDbChecksum(maria)).isEqualTo(checksum);
        }
    }

    @Test
    void resetLeavesEmptyTablesWithTheirConstraints(TestDatabases db) throws SQLException {
        try (Connection pg = db.postgresConnection(); Connection maria = db.mariadbConnection()) {
            DemoDatabases.resetPostgres(pg); // works on a database without the tables, too
            DemoDataGenerator.withDefaultSeed(END).generatePostgres(pg, DemoSize.ofOrderItems(100), null);
            DemoDataGenerator.withDefaultSeed(END).generateMariaDb(maria, DemoSize.ofOrderItems(100), null);
            DemoDatabases.resetPostgres(pg);
            DemoDatabases.resetMariaDb(maria);

            for (String table : PostgresDemoSchema.TABLES) {
                assertThat(count(pg, table)).as(table).isZero();
            }
            for (String table : MariaDbDemoSchema.TABLES) {
                assertThat(count(maria, table)).as(table).isZero();
            }
            assertThat(longValue(pg, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(4);
            assertThat(longValue(pg, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%updated_at_idx'"))
                    .isEqualTo(2);
            assertThat(strings(maria, "SELECT column_type FROM information_schema.columns WHERE table_schema = database()"
                    + " AND table_name = 'customers' AND column_name = 'flags'")).containsExactly("set('newsletter','sms','push')");
        }
    }

    private static Map<String, String> postgresChecksums(Connection pg) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        for (String table : PostgresDemoSchema.TABLES) {
            sums.put(table, strings(pg, "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM " + table + " t")
                    .get(0));
        }
        return sums;
    }

    private static String mariaDbChecksum(Connection maria) throws SQLException {
        return strings(maria, """
                SELECT concat((SELECT sum(crc32(concat_ws('|', id, code, name, segment, coalesce(flags, '-'), balance,
                        created_at, updated_at))) FROM customers), '/',
                    (SELECT sum(crc32(concat_ws('|', id, customer_id, invoice_no, amount, currency, paid, issued_on,
                        year_of, coalesce(notes, '-'), coalesce(metadata, '-'), created_at, updated_at))) FROM invoices))
                """).get(0);
    }

    private static long count(Connection connection, String table) throws SQLException {
        return longValue(connection, "SELECT count(*) FROM " + table);
    }

    private static long longValue(Connection connection, String sql) throws SQLException {
        return Long.parseLong(strings(connection, sql).get(0));
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
