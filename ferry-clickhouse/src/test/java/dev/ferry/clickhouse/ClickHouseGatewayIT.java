package dev.ferry.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@FerryIntegrationTest
class ClickHouseGatewayIT {

    private static ClickHouseGateway gateway(TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
    }

    @Test
    void detectsVersionAndCapabilities(TestDatabases db) {
        try (ClickHouseGateway ch = gateway(db)) {
            assertThat(ch.ping()).isTrue();
            ServerCapabilities caps = ch.capabilities();
            assertThat(caps.version().text()).matches("\\d+\\.\\d+.*");
            // the capability flags follow the version the server reports
            assertThat(caps).isEqualTo(ServerCapabilities.of(caps.version()));
        }
    }

    @Test
    void readsBackEscapedValuesAndNulls(TestDatabases db) {
        try (ClickHouseGateway ch = gateway(db)) {
            ch.execute("CREATE TABLE t (id UInt64, s Nullable(String)) ENGINE = MergeTree ORDER BY id");
            String tsv = "1\ttab\\there\n2\tline\\nbreak \\\\ back\n3\t\\N\n4\temoji 🚢 'quote'\n";
            long written = ch.insert("t", List.of("id", "s"),
                    new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.TabSeparated,
                    Map.of());
            // servers before 19.x send no X-ClickHouse-Summary header, so the count is unknown there
            assertThat(written).isEqualTo(ch.capabilities().version().atLeast(19, 1) ? 4L : -1L);
            List<List<String>> rows = ch.queryAll("SELECT id, s FROM t ORDER BY id");
            assertThat(rows).containsExactly(
                    List.of("1", "tab\there"),
                    List.of("2", "line\nbreak \\ back"),
                    Arrays.asList("3", null),
                    List.of("4", "emoji 🚢 'quote'"));
            assertThat(ch.queryLong("SELECT count() FROM t")).isEqualTo(4);
        }
    }

    @Test
    void statementsRunUnderTheQueryIdGiven(TestDatabases db) {
        try (ClickHouseGateway ch = gateway(db)) {
            ch.execute("CREATE TABLE q (n UInt64) ENGINE = Memory");
            long written = ch.execute("INSERT INTO q SELECT number FROM numbers(5)", "gateway-it-insert-" + db.name());
            assertThat(written).isEqualTo(ch.capabilities().version().atLeast(19, 1) ? 5L : -1L);
            // a query finds itself in system.processes under the id it was sent with
            String id = "gateway-it-select-" + db.name();
            List<String> seen = new java.util.ArrayList<>();
            ch.queryStream("SELECT query_id FROM system.processes WHERE query_id = '" + id + "'",
                    ClickHouseFormat.TabSeparated, id, in -> TabSeparatedReader.read(in, row -> seen.add(row.get(0))));
            assertThat(seen).containsExactly(id);
        }
    }

    @Test
    void emptyResultAndEmptyStringAreDistinguished(TestDatabases db) {
        try (ClickHouseGateway ch = gateway(db)) {
            assertThat(ch.queryAll("SELECT 1 WHERE 0")).isEmpty();
            assertThat(ch.queryAll("SELECT ''")).containsExactly(List.of(""));
        }
    }

    @Test
    void badSqlIsNotRetryableAndNamesTheStatement(TestDatabases db) {
        try (ClickHouseGateway ch = gateway(db)) {
            assertThatThrownBy(() -> ch.queryAll("SELECT * FROM no_such_table"))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.code()).isEqualTo(60);
                        assertThat(e.getMessage()).contains("no_such_table");
                    });
        }
    }

    @Test
    void wrongPasswordIsAClearAuthError(TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        try (ClickHouseGateway wrong = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), "default", ch.user(), "wrong-password"))) {
            assertThatThrownBy(() -> wrong.queryValue("SELECT 1"))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("refused user 'ferry'")
                                .contains("check the user and password").doesNotContain("wrong-password");
                    });
        }
    }

    @Test
    void unreachableServerIsRetryable() {
        try (ClickHouseGateway nowhere = new ClickHouseGateway(
                new ClickHouseEndpoint("http://127.0.0.1:1", "default", "ferry", "x"))) {
            assertThatThrownBy(() -> nowhere.execute("SELECT 1"))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).startsWith("cannot reach ClickHouse at http://127.0.0.1:1");
                    });
        }
    }

    @Test
    void insertsArriveWithAndWithoutCompression(TestDatabases db) {
        ServerEndpoint server = db.stack().clickhouse();
        for (boolean compress : new boolean[] {true, false}) {
            try (ClickHouseGateway ch = new ClickHouseGateway(new ClickHouseEndpoint(server.httpUrl(), db.clickhouse(),
                    server.user(), server.password(), compress))) {
                String table = compress ? "compressed" : "plain";
                ch.execute("CREATE TABLE " + table + " (n UInt32, s String) ENGINE = MergeTree ORDER BY n");
                StringBuilder tsv = new StringBuilder();
                for (int i = 0; i < 50_000; i++) {
                    tsv.append(i).append('\t').append("row ").append(i % 97).append('\n');
                }
                ch.insert(table, List.of("n", "s"), new ByteArrayInputStream(tsv.toString().getBytes(StandardCharsets.UTF_8)),
                        ClickHouseFormat.TabSeparated, Map.of());
                assertThat(ch.queryAll("SELECT count(), sum(n), uniqExact(s) FROM " + table))
                        .containsExactly(List.of("50000", "1249975000", "97"));
            }
        }
    }
}
