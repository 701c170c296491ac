package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesReportTest {

    @Test
    void rendersAlignedTablesWithGroupedAmounts() {
        SalesReport report = new SalesReport(
                List.of(new SalesReport.CategoryRevenue("Electronics", new BigDecimal("1234567.89")),
                        new SalesReport.CategoryRevenue("Books", new BigDecimal("5.50"))),
                List.of(new SalesReport.MonthRevenue(YearMonth.of(2025, 6), new BigDecimal("98765.43"))));
        assertThat(report.render()).isEqualTo("""
                Revenue by category
                Category          Revenue
                Electronics  1,234,567.89
                Books                5.50

                Revenue by month
                Month             Revenue
                2025-06         98,765.43
                """);
    }

    @Test
    void emptyReportStillHasItsHeadings() {
        assertThat(new SalesReport(List.of(), List.of()).render())
                .contains("Revenue by category").contains("Revenue by month");
    }
}
