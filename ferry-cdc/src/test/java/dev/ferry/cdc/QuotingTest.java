package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.schema.NameRegex;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.jdbc.SourceSql;
import io.debezium.util.Strings;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quoting rules of each dialect Ferry writes, and the regexes Debezium gets for table names. The real
 * servers' side of this (that they read the quoted names back) is NastyNamesIT's and CdcNastyNamesIT's.
 */
class QuotingTest {

    /** Names that break unquoted or wrongly quoted SQL, from the identifier rules of the three servers. */
    static final List<String> NAMES = List.of("Order Items", "order date", "it's \"quoted\"", "back`tick",
            "back\\slash", "a.b", "ünïcødé 列", "select", "x; DROP TABLE t", "comma, here", " padded ", "$1", "");

    @Test
    void clickhouseUsesBackticksWithBackslashEscapes() {
        // ClickHouse reads \` and \\ inside backticks (since 1.1; doubled backticks only since 19.x)
        assertThat(ClickHouseGateway.quoteIdentifier("back`tick")).isEqualTo("`back\\`tick`");
        assertThat(ClickHouseGateway.quoteIdentifier("back\\slash")).isEqualTo("`back\\\\slash`");
        assertThat(ClickHouseGateway.quoteIdentifier("x; DROP TABLE t")).isEqualTo("`x; DROP TABLE t`");
        assertThat(ClickHouseGateway.quoteString("it's \\ here")).isEqualTo("'it\\'s \\\\ here'");
    }

    @Test
    void postgresDoublesDoubleQuotesAndNothingElse() {
        SourceSql pg = new SourceSql(SourceKind.POSTGRES);
        assertThat(pg.quote("it's \"quoted\"")).isEqualTo("\"it's \"\"quoted\"\"\"");
        assertThat(pg.quote("back\\slash")).isEqualTo("\"back\\slash\"");
        assertThat(pg.quote("a.b")).isEqualTo("\"a.b\"");
    }

    @Test
    void mysqlDoublesBackticksAndNothingElse() {
        SourceSql my = new SourceSql(SourceKind.MYSQL);
        assertThat(my.quote("back`tick")).isEqualTo("`back``tick`");
        assertThat(my.quote("back\\slash")).isEqualTo("`back\\slash`");
        assertThat(my.quote("it's \"quoted\"")).isEqualTo("`it's \"quoted\"`");
    }

    /** Each name, as a list entry Debezium splits and compiles, matches itself and no other name. */
    @Test
    void debeziumIncludeListsMatchEveryNameLiterally() {
        String list = String.join(",", NAMES.stream().map(n -> NameRegex.literal("public." + n)).toList());
        Set<Pattern> patterns = Strings.setOfRegex(list, Pattern.CASE_INSENSITIVE);
        assertThat(patterns).hasSameSizeAs(NAMES);
        for (String name : NAMES) {
            assertThat(patterns.stream().filter(p -> p.matcher("public." + name).matches()).count())
                    .as(name).isEqualTo(1);
        }
        assertThat(patterns).noneMatch(p -> p.matcher("publicXa.b").matches() || p.matcher("public.aXb").matches());
    }

    @Test
    void pipelineCaptureListsTablesByTheirExactNames() {
        var capture = new CdcSource.Capture(List.of(new dev.ferry.core.schema.TableId("public", "comma, here"),
                new dev.ferry.core.schema.TableId("public", "a.b")), List.of(), List.of());
        Set<Pattern> patterns = Strings.setOfRegex(capture.includeList());
        assertThat(patterns).hasSize(2);
        assertThat(patterns).anyMatch(p -> p.matcher("public.comma, here").matches());
        assertThat(patterns).noneMatch(p -> p.matcher("public.comma").matches() || p.matcher("public.aXb").matches());
    }
}
