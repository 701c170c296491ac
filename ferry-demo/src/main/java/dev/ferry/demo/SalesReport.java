package dev.ferry.demo;

import dev.ferry.clickhouse.ClickHouseGateway;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * The demo's payoff: sales figures computed in ClickHouse from the shop tables Ferry copied there.
 * Ferry keeps keyed tables as {@code ReplacingMergeTree(_version)}, where a row may still exist in several
 * versions until a merge; {@code FINAL} makes every query see only the latest version of each row.
 * The SQL sticks to what ClickHouse 18.16 understands (no table aliases across joins, {@code USING}).
 */
public record SalesReport(List<CategoryRevenue> byCategory, List<MonthRevenue> byMonth) {

    /** How many categories the report lists. */
    public static final int TOP_CATEGORIES = 10;

    public record CategoryRevenue(String category, BigDecimal revenue) {
    }

    public record MonthRevenue(YearMonth month, BigDecimal revenue) {
    }

    public SalesReport {
        byCategory = List.copyOf(byCategory);
        byMonth = List.copyOf(byMonth);
    }

    /** Runs the report's queries against the tables in {@code database}. */
    public static SalesReport query(ClickHouseGateway gateway, String database) {
        return query(gateway, database, false);
    }

    /**
     * Same, for tables a CDC pipeline keeps: rows deleted at the source stay as flagged tombstones there,
     * so the current state is the latest version of each row that is not deleted.
     */
    public static SalesReport queryCurrent(ClickHouseGateway gateway, String database) {
        return query(gateway, database, true);
    }

    private static SalesReport query(ClickHouseGateway gateway, String database, boolean withDeletes) {
        String db = ClickHouseGateway.quoteIdentifier(database) + ".";
        String live = withDeletes ? " WHERE _is_deleted = 0" : "";
        List<CategoryRevenue> byCategory = gateway.queryAll("""
                SELECT category, sum(quantity * unit_price) AS revenue
                FROM (SELECT product_id, quantity, unit_price FROM %1$sorder_items FINAL%3$s)
                ANY INNER JOIN (SELECT id AS product_id, category FROM %1$sproducts FINAL%3$s) USING product_id
                GROUP BY category
                ORDER BY revenue DESC, category
                LIMIT %2$d""".formatted(db, TOP_CATEGORIES, live)).stream()
                .map(row -> new CategoryRevenue(row.get(0), money(row.get(1))))
                .toList();
        List<MonthRevenue> byMonth = gateway.queryAll("""
                SELECT toStartOfMonth(created_at) AS month, sum(quantity * unit_price) AS revenue
                FROM (SELECT order_id, quantity, unit_price FROM %1$sorder_items FINAL%2$s)
                ANY INNER JOIN (SELECT id AS order_id, created_at FROM %1$sorders FINAL%2$s) USING order_id
                GROUP BY month
                ORDER BY month""".formatted(db, live)).stream()
                .map(row -> new MonthRevenue(YearMonth.from(LocalDate.parse(row.get(0))), money(row.get(1))))
                .toList();
        return new SalesReport(byCategory, byMonth);
    }

    /** Both tables as aligned text, one after the other. */
    public String render() {
        int categoryWidth = Math.max("Category".length(),
                byCategory.stream().mapToInt(c -> c.category().length()).max().orElse(0));
        int amountWidth = Math.max("Revenue".length(), java.util.stream.Stream.concat(
                byCategory.stream().map(CategoryRevenue::revenue), byMonth.stream().map(MonthRevenue::revenue))
                .mapToInt(amount -> format(amount).length()).max().orElse(0));
        StringBuilder out = new StringBuilder("Revenue by category\n");
        line(out, "Category", categoryWidth, "Revenue", amountWidth);
        byCategory.forEach(c -> line(out, c.category(), categoryWidth, format(c.revenue()), amountWidth));
        out.append("\nRevenue by month\n");
        line(out, "Month", categoryWidth, "Revenue", amountWidth);
        byMonth.forEach(m -> line(out, m.month().toString(), categoryWidth, format(m.revenue()), amountWidth));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, int labelWidth, String amount, int amountWidth) {
        out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s  %" + amountWidth + "s\n", label, amount));
    }

    /** {@code 1,234,567.89}: grouping makes large sums readable at a glance. */
    static String format(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** ClickHouse may print decimals with any scale; money has two places. */
    private static BigDecimal money(String text) {
        return new BigDecimal(text).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
