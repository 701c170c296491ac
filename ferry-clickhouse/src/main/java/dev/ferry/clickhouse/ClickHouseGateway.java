package dev.ferry.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.core.http.ClickHouseHttp;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ferry's door to one ClickHouse server, over the official client (client-v2). Thread-safe; build one per
 * endpoint and close it at the end.
 *
 * <p>Reads put {@code FORMAT TabSeparated} into the query text: client-v2 asks for its binary format in an
 * HTTP header that servers before 19.x ignore, and its typed readers need a format 18.x lacks. Queries
 * are sent uncompressed because 18.16 answered compressed SELECT requests with an empty body; inserts go
 * through a second client that LZ4-compresses them (when the endpoint asks for it), which 18.16 accepts.
 *
 * <p>Every call runs under a {@link CallWatch}: bounded by the connection's {@code timeouts} (connect, and
 * a liveness check after each {@code idle} without the answer), and reported on the terminal while it
 * waits. The socket itself has no read timeout, because a statement that works long (OPTIMIZE FINAL, a
 * mutation, INSERT ... SELECT, a validation query) sends nothing until it is done.
 */
public final class ClickHouseGateway implements AutoCloseable {

    private final ClickHouseEndpoint endpoint;
    private final Client client;
    private final Client insertClient;
    private final CallWatch watch;
    private volatile ServerCapabilities capabilities;

    public ClickHouseGateway(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = newClient(endpoint, false);
        this.insertClient = endpoint.compressInserts() ? newClient(endpoint, true) : client;
        this.watch = new CallWatch(endpoint);
    }

    private static Client newClient(ClickHouseEndpoint endpoint, boolean compressRequests) {
        return new Client.Builder()
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.user())
                .setPassword(endpoint.password())
                .setDefaultDatabase(endpoint.database())
                // client-v2 names the database in a header that servers before 19.x ignore; the URL
                // parameter is understood by every version
                .serverSetting("database", endpoint.database())
                .compressClientRequest(compressRequests)
                .compressServerResponse(false)
                .setConnectTimeout(endpoint.timeouts().connect().toMillis(), ChronoUnit.MILLIS)
                // no read timeout: CallWatch tells a working server from a hung one; keep-alive probes find
                // connections the network dropped without a word
                .setSocketTimeout(0)
                .setSocketKeepAlive(true)
                .setMaxRetries(0) // Ferry's own retry policy decides, with backoff and classification
                .setClientName("ferry")
                .build();
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** Server version and what it supports; asked once, then cached. */
    public ServerCapabilities capabilities() {
        ServerCapabilities known = capabilities;
        if (known == null) {
            known = ServerCapabilities.of(ServerVersion.parse(queryValue("SELECT version()")));
            capabilities = known;
        }
        return known;
    }

    public boolean ping() {
        return client.ping(Math.max(1_000, endpoint.timeouts().probe().toMillis()));
    }

    /** Runs a statement that returns no rows (DDL, INSERT … SELECT, ALTER). */
    public void execute(String sql) {
        try {
            watch.run(abbreviate(sql), () -> onceMoreAfterUnroutedRequest(() -> {
                client.execute(sql).get().close();
                return null;
            }));
        } catch (Exception e) {
            throw failure("run " + abbreviate(sql), sql, e);
        }
    }

    /**
     * Runs a statement that returns no rows under {@code queryId}, so that whoever stops waiting for it can
     * also stop it on the server ({@code KILL QUERY WHERE query_id = ...}). Returns the rows it wrote, or -1
     * where the server does not say (servers before 19.x send no summary header).
     */
    public long execute(String sql, String queryId) {
        CommandSettings settings = new CommandSettings();
        settings.setQueryId(queryId);
        try {
            return watch.run(abbreviate(sql), () -> {
                try (CommandResponse response = client.execute(sql, settings).get()) {
                    return response.getWrittenRows();
                }
            });
        } catch (Exception e) {
            throw failure("run " + abbreviate(sql), sql, e);
        }
    }

    /** Streams the rows of a SELECT (without FORMAT clause) to {@code rows}; NULLs are Java nulls. */
    public void query(String select, Consumer<List<String>> rows) {
        String sql = select.strip() + "\nFORMAT TabSeparated";
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try {
            watch.run(abbreviate(select), () -> {
                try (QueryResponse response = onceMoreAfterUnroutedRequest(() -> client.query(sql, settings).get())) {
                    TabSeparatedReader.read(response.getInputStream(), rows);
                }
                return null;
            });
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw failure("run " + abbreviate(select), sql, e);
        }
    }

    /** Reads a SELECT's result as a stream in the given format (e.g. RowBinary); the stream is closed after. */
    public void queryStream(String select, ClickHouseFormat format, StreamConsumer consumer) {
        queryStream(select, format, null, consumer);
    }

    /**
     * As {@link #queryStream(String, ClickHouseFormat, StreamConsumer)}, under a query id (see
     * {@link #execute(String, String)}); null lets the server choose one.
     */
    public void queryStream(String select, ClickHouseFormat format, String queryId, StreamConsumer consumer) {
        String sql = select.strip() + "\nFORMAT " + format.name();
        QuerySettings settings = new QuerySettings().setFormat(format);
        if (queryId != null) {
            settings.setQueryId(queryId);
        }
        try {
            watch.run(abbreviate(select), () -> {
                try (QueryResponse response = onceMoreAfterUnroutedRequest(() -> client.query(sql, settings).get())) {
                    consumer.accept(response.getInputStream());
                }
                return null;
            });
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw failure("run " + abbreviate(select), sql, e);
        }
    }

    /** Consumes a response body. */
    @FunctionalInterface
    public interface StreamConsumer {
        void accept(InputStream in) throws java.io.IOException;
    }

    public List<List<String>> queryAll(String select) {
        List<List<String>> result = new java.util.ArrayList<>();
        query(select, result::add);
        return result;
    }

    /** The single value of a one-row, one-column SELECT. */
    public String queryValue(String select) {
        List<List<String>> rows = queryAll(select);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new ClickHouseException("expected one value from " + abbreviate(select) + " but got " + rows.size()
                    + " rows", 0, false, null);
        }
        return rows.get(0).get(0);
    }

    public long queryLong(String select) {
        return Long.parseLong(queryValue(select));
    }

    /**
     * Sends pre-encoded rows for {@code columns} of {@code table}; returns the rows the server wrote, or -1
     * where it does not say (servers before 19.x send no summary header).
     *
     * @param table    the table as it stands in SQL, quoted (such as {@link dev.ferry.clickhouse.table.TargetTable#qualifiedName()})
     * @param columns  plain column names, quoted here: client-v2 writes them into the statement as given
     * @param settings server settings for this insert (e.g. {@code insert_deduplicate}); may be empty
     */
    public long insert(String table, List<String> columns, InputStream data, ClickHouseFormat format,
            java.util.Map<String, String> settings) {
        InsertSettings insertSettings = new InsertSettings();
        settings.forEach(insertSettings::serverSetting);
        List<String> quoted = columns.stream().map(ClickHouseGateway::quoteIdentifier).toList();
        try {
            return watch.run("INSERT INTO " + table, () -> {
                try (InsertResponse response = insertClient.insert(table, quoted, data, format, insertSettings).get()) {
                    return response.getWrittenRows();
                }
            });
        } catch (Exception e) {
            throw failure("run INSERT INTO " + table, null, e);
        }
    }

    /**
     * Sends a request again, once, when the server answered it with HTTP 404 and no readable error: ClickHouse
     * 18.x now and then answers a request on a reused connection that way without running it (seen under
     * parallel load: the very same statement succeeded when sent again), so sending it again is safe; a real
     * failure fails again and is classified as usual.
     */
    private static <T> T onceMoreAfterUnroutedRequest(java.util.concurrent.Callable<T> request) throws Exception {
        try {
            return request.call();
        } catch (Exception e) {
            if (ClickHouseErrors.isUnreadable(e)
                    && ((com.clickhouse.client.api.ServerException) unwrap(e)).getTransportProtocolCode() == 404) {
                return request.call();
            }
            throw e;
        }
    }

    /**
     * Classifies a failure. Servers before 19.x write errors in a format client-v2 cannot read; for a
     * statement that failed (and so changed nothing), the text is fetched by sending it once more over
     * plain HTTP. Inserts are never re-sent: their stream is gone, and only the status is known.
     */
    private ClickHouseException failure(String action, String statementToRepeat, Exception e) {
        if (!ClickHouseErrors.isUnreadable(e)) {
            return ClickHouseErrors.classify(action, endpoint, e);
        }
        int status = ((com.clickhouse.client.api.ServerException) unwrap(e)).getTransportProtocolCode();
        // an insert's stream is gone: a harmless statement shows at least what answers at the url
        ClickHouseHttp.Response response = new ClickHouseHttp(endpoint.url(), endpoint.database(), endpoint.user(),
                endpoint.password()).send(statementToRepeat == null ? "SELECT 1" : statementToRepeat);
        if (!response.fromClickHouse()) {
            return ClickHouseErrors.notClickHouse(action, endpoint, response);
        }
        if (statementToRepeat == null) {
            return ClickHouseErrors.classifyServer(action, endpoint, 0, "HTTP " + status
                    + " without readable details (servers before 19.x); see the ClickHouse server error log", status, e);
        }
        String body = ClickHouseErrors.firstLine(response.body());
        return ClickHouseErrors.classifyServer(action, endpoint, ClickHouseErrors.codeOf(body), body,
                response.status(), e);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && !(current instanceof com.clickhouse.client.api.ServerException)) {
            current = current.getCause();
        }
        return current;
    }

    public static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    public static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    @Override
    public void close() {
        if (insertClient != client) {
            insertClient.close();
        }
        client.close();
    }
}
