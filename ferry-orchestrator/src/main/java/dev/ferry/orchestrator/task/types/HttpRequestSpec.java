package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskLog;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request of an {@code http} task with templates rendered and secrets resolved, and the
 * {@link Redactor} that keeps those secrets out of everything it logs or throws.
 */
final class HttpRequestSpec {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How much of an error body goes into the message: enough for the API's explanation. */
    static final int ERROR_BODY_CHARS = 500;

    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final String body;
    private final Duration timeout;
    private final Redactor redactor;

    private HttpRequestSpec(String method, URI uri, Map<String, String> headers, String body, Duration timeout,
            Redactor redactor) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /**
     * Secret references are resolved in the DAG file's own text, before templates are rendered: a value
     * that arrives through a template (a param, an upstream output from ingested data) is never taken as a
     * reference, so it cannot pull a secret of this machine into the request.
     */
    static HttpRequestSpec resolve(HttpSettings settings, TaskContext context, SecretReferences references) {
        List<String> secrets = new ArrayList<>();
        String url = resolved(rendered(context, references.resolve(settings.url(), "url")), secrets);
        StringBuilder query = new StringBuilder();
        settings.params().forEach((name, value) -> {
            String text = resolved(rendered(context, references.resolve(value, "params." + name)), secrets);
            query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        });
        Map<String, String> headers = new LinkedHashMap<>();
        settings.headers().forEach((name, value) -> headers.put(name,
                resolved(rendered(context, references.resolve(value, "headers." + name)), secrets)));
        String body = settings.body() == null ? null
                : resolved(rendered(context, references.resolve(settings.body(), "body")), secrets);
        Redactor redactor = Redactor.of(secrets);
        String full = query.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + query;
        URI uri;
        try {
            uri = URI.create(full);
        } catch (IllegalArgumentException invalid) {
            throw new FerryException("url " + redactor.redact(full) + " is not a valid URL: "
                    + redactor.redact(invalid.getMessage()));
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new FerryException("url " + redactor.redact(full) + " is not an http:// or https:// URL with a host");
        }
        return new HttpRequestSpec(settings.method(), uri, headers, body, settings.requestTimeout(), redactor);
    }

    private static SecretReferences.Resolved rendered(TaskContext context, SecretReferences.Resolved value) {
        return new SecretReferences.Resolved(context.render(value.text()), value.secrets());
    }

    private static String resolved(SecretReferences.Resolved value, List<String> secrets) {
        secrets.addAll(value.secrets());
        return value.text();
    }

    Redactor redactor() {
        return redactor;
    }

    /** Method and URL with secrets blanked, for messages. */
    String describe() {
        return method + " " + redactor.redact(uri.toString());
    }

    /** Status and body of a 2xx answer. */
    record Answer(int status, String body) {
    }

    /** @throws TaskFailure for a status outside 2xx, with the start of the body (secrets blanked) */
    Answer send(TaskLog log) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        boolean acceptSet = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Accept"));
        boolean typeSet = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        if (!acceptSet) {
            request.header("Accept", "application/json");
        }
        headers.forEach((name, value) -> {
            try {
                request.header(name, value);
            } catch (IllegalArgumentException restricted) {
                throw new FerryException("header " + name + " cannot be set: "
                        + redactor.redact(restricted.getMessage()));
            }
        });
        if (body == null) {
            request.GET();
        } else {
            if (!typeSet) {
                request.header("Content-Type", "application/json");
            }
            request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        // header names only: their values are the usual place for tokens
        log.info(describe() + (headers.isEmpty() ? "" : " (headers: " + String.join(", ", headers.keySet()) + ")"));
        long started = System.nanoTime();
        HttpResponse<String> response;
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FerryException(describe() + " failed: " + redactor.redact(message(e))
                    + "; check the url and that the API is reachable from here");
        } catch (InterruptedException e) {
            client.shutdownNow(); // stop the exchange; close() below would wait for it
            throw e;
        } finally {
            client.close();
        }
        String text = response.body() == null ? "" : response.body();
        log.info("HTTP " + response.statusCode() + ", " + text.length() + " characters in "
                + SqlTask.seconds(started));
        if (response.statusCode() / 100 != 2) {
            throw new TaskFailure(describe() + " answered HTTP " + response.statusCode() + ": "
                    + redactor.redact(head(text, ERROR_BODY_CHARS)));
        }
        return new Answer(response.statusCode(), text);
    }

    private static String message(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    static String head(String text, int max) {
        String flat = text.strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "... (" + flat.length() + " characters)";
    }

    @Override
    public String toString() {
        return describe() + ", headers " + headers.keySet().stream().collect(Collectors.joining(", "));
    }
}
