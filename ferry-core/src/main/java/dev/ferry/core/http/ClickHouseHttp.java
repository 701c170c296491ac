package dev.ferry.core.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The plain-HTTP path to ClickHouse, for the two places the official client (used for all real traffic, in
 * ferry-clickhouse) cannot serve: bringing up the local stack and test databases, which must not depend
 * on the client module, and reading the error text of servers older than 19.x, whose error body format
 * client-v2 cannot parse (it reports "Unreadable error message").
 */
public final class ClickHouseHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;
    private final String authorization;

    public ClickHouseHttp(String host, int port, String user, String password) {
        this("http://" + host + ":" + port, null, user, password);
    }

    /** @param database default database of the statements, or null for the user's default */
    public ClickHouseHttp(String baseUrl, String database, String user, String password) {
        String root = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.base = URI.create(database == null ? root
                : root + "?database=" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8));
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public boolean ping() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.getScheme() + "://" + base.getAuthority() + "/ping")).timeout(Duration.ofSeconds(2)).GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the server answers an HTTP request at all (any status) within {@code timeout}, on a new
     * connection: the liveness check of a call that waits long for its answer. A server that accepts
     * connections but never answers fails it, as does one that refuses them.
     */
    public boolean answers(Duration timeout) {
        URI ping = URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/ping");
        try (HttpClient fresh = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            fresh.send(HttpRequest.newBuilder(ping).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Status code, body and origin of one request.
     *
     * @param server         the {@code Server} header, or empty when none was sent (ClickHouse sends none)
     * @param fromClickHouse whether the answer bears ClickHouse's marks: an {@code X-ClickHouse-*} header, an
     *                       error text with a code, or the "There is no handle" page of a URL path it lacks
     */
    public record Response(int status, String body, String server, boolean fromClickHouse) {

        public Response(int status, String body) {
            this(status, body, "", true);
        }
    }

    /** Runs one statement and returns status and body, whatever the status. */
    public Response send(String sql) {
        HttpRequest request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            boolean clickhouseHeader = response.headers().map().keySet().stream()
                    .anyMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-clickhouse-"));
            String body = response.body();
            boolean clickhouseBody = body.matches("(?s)\\s*Code: \\d+.*") || body.startsWith("There is no handle");
            return new Response(response.statusCode(), body, response.headers().firstValue("Server").orElse(""),
                    clickhouseHeader || clickhouseBody);
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + base + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs one statement and returns the body; throws with the server's message on an error status. */
    public String execute(String sql) {
        Response response = send(sql);
        if (response.status() != 200) {
            throw new IllegalStateException("ClickHouse " + response.status() + ": " + response.body().strip());
        }
        return response.body();
    }
}
