package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external API is a JDK HTTP server started by the test (seed 002 pulls such an API into an ext layer);
 * ClickHouse is the test stack's.
 */
@FerryIntegrationTest
class HttpTaskIT {

    private static final String TOKEN = "s3cret-t0ken";

    @TempDir
    Path dir;

    private HttpServer api;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpTask http = new HttpTask(Map.of("API_TOKEN", TOKEN)::get);

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v1/rates", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // a careless API that echoes what it got
                respond(exchange, 401, "{\"error\": \"bad token " + exchange.getRequestHeaders()
                        .getFirst("Authorization") + "\"}");
                return;
            }
            respond(exchange, 200, """
                    {"date": "2026-01-31", "data": {"items": [
                      {"code": "EUR", "rate": 1.10, "tags": ["eu", "major"], "meta": {"src": "ecb"}},
                      {"code": "USD", "rate": 90.5, "note": null, "ok": true}
                    ]}}""");
        });
        api.createContext("/v1/search", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + body + " type="
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            respond(exchange, 200, "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}, {\"id\": 3}]");
        });
        api.createContext("/v1/broken", exchange -> respond(exchange, 503, "upstream down ".repeat(100)));
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/v1";
    }

    private static String rows(TestDatabases db, String select) {
        return db.clickhouseHttp().execute(select + " FORMAT TabSeparated").strip();
    }

    @Test
    void loadsRecordsIntoATableItCreatesThenAppendsAndReplaces(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        String table = db.clickhouse() + "_ext.rates"; // another database, created on the way
        HttpSettings settings = DagText.settings(dir, """
                type: http
                url: %s/rates
                headers: {Authorization: "Bearer ${env:API_TOKEN}"}
                params: {date: "{{ ds }}", base: RUB}
                records: data.items
                connection: ch
                table: %s
                create_table: true
                """.formatted(base(), table));
        try {
            Map<String, Object> output = http.run(settings, f.context(config));
            assertThat(output).isEqualTo(Map.of("records", 2L, "status", 200));
            assertThat(requests).containsExactly("GET /v1/rates?date=2026-01-31&base=RUB auth=Bearer " + TOKEN);
            assertThat(rows(db, "SELECT name, type FROM system.columns WHERE database = '" + db.clickhouse()
                    + "_ext' AND table = 'rates'")).isEqualTo("""
                    code\tString
                    rate\tString
                    tags\tString
                    meta\tString
                    note\tString
                    ok\tString
                    _loaded_at\tDateTime""");
            assertThat(rows(db, "SELECT code, rate, tags, meta, note, ok, _loaded_at > now() - 600 FROM " + table
                    + " ORDER BY code")).isEqualTo("""
                    EUR\t1.10\t["eu","major"]\t{"src":"ecb"}\t\t\t1
                    USD\t90.5\t\t\t\ttrue\t1""");
            assertThat(f.log.text()).contains("GET " + base() + "/rates?date=2026-01-31&base=RUB (headers:"
                    + " Authorization)", "created", "appended 2 records").doesNotContain(TOKEN);

            http.run(settings, f.context(config));
            assertThat(rows(db, "SELECT count() FROM " + table)).isEqualTo("4");

            HttpSettings replace = DagText.settings(dir, """
                    type: http
                    url: %s/rates
                    headers: {Authorization: "Bearer ${env:API_TOKEN}"}
                    records: data.items
                    connection: ch
                    table: %s
                    mode: replace
                    """.formatted(base(), table));
            assertThat(http.run(replace, f.context(config))).containsEntry("records", 2L);
            assertThat(rows(db, "SELECT code FROM " + table + " ORDER BY code")).isEqualTo("EUR\nUSD");
            assertThat(rows(db, "SELECT count() FROM system.tables WHERE database = '" + db.clickhouse()
                    + "_ext'")).isEqualTo("1");
        } finally {
            db.clickhouseHttp().execute("DROP DATABASE IF EXISTS " + db.clickhouse() + "_ext");
        }
    }

    @Test
    void postsABodyAndLoadsIntoAnExistingTypedTable(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        db.clickhouseHttp().execute("CREATE TABLE " + db.clickhouse() + ".items (id UInt32, name Nullable(String))"
                + " ENGINE = MergeTree ORDER BY id");
        HttpSettings settings = DagText.settings(dir, """
                type: http
                url: %s/search
                body: {query: "{{ ds }}", limit: 3}
                connection: ch
                table: items
                """.formatted(base()));
        assertThat(http.run(settings, f.context(config))).isEqualTo(Map.of("records", 3L, "status", 200));
        assertThat(requests).containsExactly("POST {\"query\":\"2026-01-31\",\"limit\":3} type=application/json");
        assertThat(rows(db, "SELECT id, name FROM " + db.clickhouse() + ".items ORDER BY id"))
                .isEqualTo("1\ta\n2\tb\n3\t\\N");
    }

    @Test
    void errorsSayWhatToFixAndNeverShowTheSecret(TestDatabases db) throws Exception {
        TaskFixture f = new TaskFixture(db, dir);
        FerryConfig config = f.config();
        HttpSettings broken = DagText.settings(dir, "type: http\nurl: " + base() + "/broken\nconnection: ch\n"
                + "table: t\ncreate_table: true");
        assertThatThrownBy(() -> http.run(broken, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageStartingWith("GET " + base() + "/broken answered HTTP 503: upstream down upstream down")
                .hasMessageEndingWith("... (1399 characters)");

        HttpSettings wrongToken = DagText.settings(dir, """
                type: http
                url: %s/rates
                headers: {Authorization: "Bearer ${env:API_TOKEN}x"}
                params: {key: "${env:API_TOKEN}"}
                connection: ch
                table: t
                """.formatted(base()));
        assertThatThrownBy(() -> http.run(wrongToken, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessage("GET " + base() + "/rates?key=**** answered HTTP 401: {\"error\": \"bad token Bearer ****x\"}");
        assertThat(f.log.text()).doesNotContain(TOKEN).contains("GET " + base() + "/rates?key=****");

        HttpSettings wrongPath = DagText.settings(dir, """
                type: http
                url: %s/rates
                headers: {Authorization: "Bearer ${env:API_TOKEN}"}
                records: data.rows
                connection: ch
                table: t
                """.formatted(base()));
        assertThatThrownBy(() -> http.run(wrongPath, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessageContaining("no field 'rows' in the object at 'data'; it has: items");

        HttpSettings noTable = DagText.settings(dir, """
                type: http
                url: %s/search
                connection: ch
                table: missing
                """.formatted(base()));
        assertThatThrownBy(() -> http.run(noTable, f.context(config))).isInstanceOf(TaskFailure.class)
                .hasMessage("table " + db.clickhouse() + ".missing does not exist in ClickHouse (connection 'ch');"
                        + " create it first or set create_table: true");

        HttpSettings unset = DagText.settings(dir, "type: http\nurl: " + base() + "/rates\nconnection: ch\ntable: t\n"
                + "headers: {X-Key: \"${env:NOT_SET_ANYWHERE}\"}");
        assertThatThrownBy(() -> http.run(unset, f.context(config)))
                .hasMessage("headers.X-Key: environment variable NOT_SET_ANYWHERE is not set");
    }
}
