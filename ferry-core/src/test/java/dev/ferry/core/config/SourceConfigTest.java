package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

    private static final TableSelection ORDERS = new TableSelection("public.orders", "updated_at", List.of("id"), null);

    @Test
    void selectsListedAndIncludedTablesMinusExcludedOnes() {
        SourceConfig source = new SourceConfig("pg", List.of(ORDERS, new TableSelection("audit.log", null, List.of(), null)),
                List.of("public.*", "sales.q?_report"), List.of("public.tmp_*", "audit.*"));

        assertThat(source.matches("public.orders")).isTrue();
        assertThat(source.matches("public.users")).isTrue();
        assertThat(source.matches("sales.q1_report")).isTrue();
        assertThat(source.matches("sales.q10_report")).as("? is exactly one character").isFalse();
        assertThat(source.matches("public.tmp_import")).as("excluded").isFalse();
        assertThat(source.matches("audit.log")).as("exclusion wins over listing").isFalse();
        assertThat(source.matches("other.users")).isFalse();
    }

    @Test
    void withoutIncludeOnlyListedTablesMatch() {
        SourceConfig source = new SourceConfig("pg", List.of(ORDERS), List.of(), List.of());

        assertThat(source.matches("public.orders")).isTrue();
        assertThat(source.matches("public.orders_archive")).isFalse();
    }

    @Test
    void selectionGivesTheListedTableSettings() {
        SourceConfig source = new SourceConfig("pg", List.of(ORDERS), List.of("public.*"), List.of());

        assertThat(source.selection("public.orders")).contains(ORDERS);
        assertThat(source.selection("public.users")).isEmpty();
    }

    @Test
    void globStarsMatchAnyRunIncludingDots() {
        assertThat(Globs.matches("*", "public.users")).isTrue();
        assertThat(Globs.matches("*.users", "public.users")).isTrue();
        assertThat(Globs.matches("p*s*s", "public.users")).isTrue();
        assertThat(Globs.matches("public.*_log", "public.users")).isFalse();
        assertThat(Globs.matches("public.*_log", "public.app_log")).isTrue();
        assertThat(Globs.matches("public.users", "public.usersx")).isFalse();
        assertThat(Globs.matches("public.?", "public.")).isFalse();
    }

    @Test
    void globsBecomeRegexesThatSelectTheSameNames() {
        SourceConfig source = new SourceConfig("pg", List.of(), List.of("sales.q?_report", "public.*"),
                List.of("public.tmp_*"));

        assertThat(source.includeRegexes()).hasSize(2);
        assertThat("sales.q1_report").matches(source.includeRegexes().get(0));
        assertThat("salesXq1_report").as("dots are literal").doesNotMatch(source.includeRegexes().get(0));
        assertThat("public.anything").matches(source.includeRegexes().get(1));
        assertThat("public.tmp_x").matches(source.excludeRegexes().get(0));
        assertThat(source.selectsByPattern()).isTrue();
    }
}
