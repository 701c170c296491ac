package dev.ferry.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A url that reaches a web server which is not ClickHouse (a reverse proxy's default site, another service
 * on that port) answers 404 with a page of its own: the error says what answered and what to check.
 */
class NotClickHouseTest {

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] page = "<html><head><title>404 Not Found</title></head><body>not here</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server", "nginx/1.24.0");
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aWebServerThatIsNotClickHouseIsNamedWithWhatToCheck() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(url, "shop", "ferry", "secret");
        assertThatThrownBy(() -> ClickHouseCatalog.ensureDatabase(endpoint))
                .isInstanceOf(ClickHouseException.class)
                .satisfies(e -> assertThat(((ClickHouseException) e).retryable()).isFalse())
                .hasMessageContaining("CREATE DATABASE")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Server: nginx/1.24.0")
                .hasMessageContaining("<html><head><title>404 Not Found")
                .hasMessageContaining("not ClickHouse")
                .hasMessageContaining("check the url")
                .hasMessageNotContaining("secret");
    }
}
