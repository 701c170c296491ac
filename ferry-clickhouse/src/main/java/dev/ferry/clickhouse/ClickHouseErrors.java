package dev.ferry.clickhouse;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that decides whether a ClickHouse failure is worth retrying. Transient conditions
 * (network, overload, too many parts, unknown insert status) are; bad data, bad SQL and missing
 * permissions never are, because trying again cannot change their outcome.
 */
public final class ClickHouseErrors {

    /** Server codes that mean "later may work": overload, memory, parts, replicas, network. */
    static final Set<Integer> RETRYABLE_CODES = Set.of(
            3,   // UNEXPECTED_END_OF_FILE (connection cut mid-request)
            159, // TIMEOUT_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY (replica lost ZooKeeper session)
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            425, // SYSTEM_ERROR
            999  // KEEPER_EXCEPTION
    );

    /** Codes for authentication and authorisation problems: fatal, with advice. */
    static final Set<Integer> AUTH_CODES = Set.of(192, 193, 194, 195, 516);
    static final int ACCESS_DENIED = 497;
    static final int READONLY = 164;

    private ClickHouseErrors() {
    }

    public static ClickHouseException classify(String action, ClickHouseEndpoint endpoint, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ClickHouseException already) {
            return already;
        }
        if (cause instanceof ServerException server) {
            return classifyServer(action, endpoint, server.getCode(), firstLine(server.getMessage()),
                    server.getTransportProtocolCode(), server);
        }
        if (isNetwork(cause)) {
            return new ClickHouseException("cannot reach " + endpoint.describe() + " to " + action + ": "
                    + firstLine(rootCause(cause).getMessage()), 0, true, cause);
        }
        return new ClickHouseException("ClickHouse failed to " + action + ": " + cause, 0, false, cause);
    }

    /** True when client-v2 could not read the error body (servers before 19.x use another error format). */
    static boolean isUnreadable(Throwable failure) {
        return unwrap(failure) instanceof ServerException server && server.getCode() == ServerException.CODE_UNKNOWN
                && String.valueOf(server.getMessage()).contains("Unreadable error message");
    }

    /**
     * Classifies a server error from its code and text.
     *
     * @param httpStatus HTTP status of the response, or 0 when unknown
     */
    static ClickHouseException classifyServer(String action, ClickHouseEndpoint endpoint, int code, String message,
            int httpStatus, Throwable server) {
        if (AUTH_CODES.contains(code) || (code == ServerException.CODE_UNKNOWN && httpStatus == 401)) {
            return new ClickHouseException(endpoint.describe() + " refused user '" + endpoint.user()
                    + "': " + message + "; check the user and password in the connection config", code, false,
                    server);
        }
        if (code == ACCESS_DENIED || code == READONLY) {
            return new ClickHouseException("user '" + endpoint.user() + "' may not " + action + " on ClickHouse: "
                    + message + "; grant the privilege or use another user", code, false, server);
        }
        boolean retryable = RETRYABLE_CODES.contains(code)
                || (httpStatus >= 502 && code == ServerException.CODE_UNKNOWN);
        return new ClickHouseException("ClickHouse failed to " + action + ": " + message, code, retryable, server);
    }

    /**
     * The url reaches an HTTP server that is not ClickHouse (a proxy's default site, another service on the
     * port): says what answered, since its page means nothing as a ClickHouse error, and what to check.
     */
    static ClickHouseException notClickHouse(String action, ClickHouseEndpoint endpoint,
            dev.ferry.core.http.ClickHouseHttp.Response response) {
        String body = response.body().strip().replaceAll("\\s+", " ");
        String start = body.isEmpty() ? "an empty body"
                : "body \"" + (body.length() > 200 ? body.substring(0, 200) + "..." : body) + "\"";
        return new ClickHouseException("cannot " + action + ": " + endpoint.describe() + " answered HTTP "
                + response.status() + " (" + (response.server().isEmpty() ? "no Server header"
                : "Server: " + response.server()) + ", " + start + "), which is not ClickHouse's HTTP interface;"
                + " check the url (or host and port) of the connection: ClickHouse answers HTTP on port 8123 by"
                + " default (8443 with TLS), at the root path", 0, false, null);
    }

    /** Reads the code out of an error body of any server version ("Code: 60, e.displayText() = …" or "Code: 60. …"). */
    static int codeOf(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Code: (\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : ServerException.CODE_UNKNOWN;
    }

    private static boolean isNetwork(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof SocketTimeoutException
                    || c instanceof ConnectionInitiationException || c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
