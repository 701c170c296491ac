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

    /** Status code and body of one request. */
    public record Response(int status, String body) {
    }

    /** Runs one statement and returns status and body, whatever the status. */
    public Response send(String sql) {
        HttpRequest request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
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
