package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The report against tables shaped like Ferry's copies on ClickHouse 18.16 (ReplacingMergeTree with a
 * {@code _version} column), filled from generated PostgreSQL rows; its figures must equal PostgreSQL's own.
 */
@FerryIntegrationTest
class SalesReportIT {

    private static final Map<String, String> TABLES = Map.of(
            "products", "id Int32, seller_id Int32, name String, category String, price Decimal(12,2),"
                    + " created_at DateTime, updated_at DateTime",
            "orders", "id Int64, user_id Int64, status String, total Decimal(14,2), created_at DateTime,"
                    + " updated_at DateTime",
            "order_items", "id Int64, order_id Int64, product_id Int32, quantity Int32, unit_price Decimal(12,2),"
                    + " created_at DateTime, updated_at DateTime");

    @Test
    void reportMatchesPostgresToTheCentAndIgnoresOldVersions(TestDatabases db) throws Exception {
        try (Connection pg = db.postgresConnection(); ClickHouseGateway ch = gateway(db)) {
            DemoDataGenerator.withDefaultSeed(LocalDateTime.of(2025, 7, 1, 0, 0))
                    .generatePostgres(pg, DemoSize.ofOrderItems(2000), null);
            for (var table : TABLES.entrySet()) {
                ch.execute("CREATE TABLE " + table.getKey() + " (" + table.getValue() + ", _version UInt64)"
                        + " ENGINE = ReplacingMergeTree(_version) ORDER BY id");
                copy(pg, ch, table.getKey(), "SELECT " + columns(table.getValue()) + ", 2 FROM " + table.getKey());
            }
            // superseded versions, as Ferry leaves them until ClickHouse merges: FINAL must skip them
            copy(pg, ch, "order_items", "SELECT id, order_id, product_id, quantity * 100, unit_price, created_at,"
                    + " updated_at, 1 FROM order_items WHERE id % 7 = 0");
            copy(pg, ch, "products", "SELECT id, seller_id, name, 'Stale', price, created_at, updated_at, 1"
                    + " FROM products WHERE id % 5 = 0");
            copy(pg, ch, "orders", "SELECT id, user_id, status, total, created_at - interval '3 years', updated_at, 1"
                    + " FROM orders WHERE id % 3 = 0");

            SalesReport report = SalesReport.query(ch, db.clickhouse());

            assertThat(report.byCategory()).hasSize(10).containsExactlyElementsOf(postgresCategories(pg));
            assertThat(report.byMonth()).hasSize(18).containsExactlyElementsOf(postgresMonths(pg));
            BigDecimal byCategory = report.byCategory().stream().map(SalesReport.CategoryRevenue::revenue)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal byMonth = report.byMonth().stream().map(SalesReport.MonthRevenue::revenue)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(byCategory).isEqualByComparingTo(byMonth);
            SalesReport.CategoryRevenue top = report.byCategory().get(0);
            assertThat(report.render()).contains(top.category()).contains(SalesReport.format(top.revenue()))
                    .contains("2025-06").doesNotContain("Stale");
        }
    }

    private static ClickHouseGateway gateway(TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    /** PostgreSQL's COPY text output is ClickHouse's TabSeparated for these plain types. */
    private static void copy(Connection pg, ClickHouseGateway ch, String table, String select)
            throws SQLException, IOException {
        ByteArrayOutputStream tsv = new ByteArrayOutputStream();
        pg.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT", tsv);
        List<String> columns = new ArrayList<>(Arrays.asList(columns(TABLES.get(table)).split(", ")));
        columns.add("_version");
        ch.insert(table, columns, new ByteArrayInputStream(tsv.toByteArray()), ClickHouseFormat.TabSeparated, Map.of());
    }

    private static String columns(String definition) {
        return String.join(", ", Arrays.stream(definition.split(",(?![^(]*\\))"))
                .map(column -> column.strip().split(" ")[0]).toList());
    }

    private static List<SalesReport.CategoryRevenue> postgresCategories(Connection pg) throws SQLException {
        List<SalesReport.CategoryRevenue> rows = new ArrayList<>();
        query(pg, """
                SELECT p.category, sum(i.quantity * i.unit_price) AS revenue
                FROM order_items i JOIN products p ON p.id = i.product_id
                GROUP BY p.category ORDER BY revenue DESC, p.category LIMIT 10""",
                row -> rows.add(new SalesReport.CategoryRevenue(row.getString(1), row.getBigDecimal(2))));
        return rows;
    }

    private static List<SalesReport.MonthRevenue> postgresMonths(Connection pg) throws SQLException {
        List<SalesReport.MonthRevenue> rows = new ArrayList<>();
        query(pg, """
                SELECT to_char(o.created_at, 'YYYY-MM') AS month, sum(i.quantity * i.unit_price)
                FROM order_items i JOIN orders o ON o.id = i.order_id
                GROUP BY month ORDER BY month""",
                row -> rows.add(new SalesReport.MonthRevenue(YearMonth.parse(row.getString(1)), row.getBigDecimal(2))));
        return rows;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
