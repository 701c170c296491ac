package dev.ferry.orchestrator.task.types;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.TabSeparatedReader;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.sync.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A task's statements on one named ClickHouse connection, stoppable. The client blocks in a socket read
 * that an interrupt does not end, so each statement runs on a thread of its own while the task's thread
 * waits, and every statement has its own query id: when the attempt is stopped, the task's thread stops
 * the statement on the server ({@code KILL QUERY}), which also ends the blocked read, instead of leaving
 * it running for hours after its task gave up.
 */
final class ClickHouseSession implements AutoCloseable {

    /** How often a waiting task looks at its cancellation flag (set without an interrupt by some executors). */
    private static final long POLL_MILLIS = 200;

    private final ClickHouseGateway gateway;
    private final String connection;
    private final BooleanSupplier cancelled;

    private ClickHouseSession(ClickHouseGateway gateway, String connection, BooleanSupplier cancelled) {
        this.gateway = gateway;
        this.connection = connection;
        this.cancelled = cancelled;
    }

    /** @param taskType for the message when the connection is of another kind */
    static ClickHouseSession open(TaskContext context, String connectionName, String taskType) {
        return new ClickHouseSession(new ClickHouseGateway(endpoint(context, connectionName, taskType)),
                connectionName, context.cancellation());
    }

    private static ClickHouseEndpoint endpoint(TaskContext context, String connectionName, String taskType) {
        ConnectionConfig config = context.connections().get(connectionName);
        if (config.type() != ConnectionType.CLICKHOUSE) {
            throw new FerryException("connection '" + connectionName + "' is " + config.type().label() + "; the "
                    + taskType + " task needs a clickhouse connection");
        }
        return Endpoints.clickhouse(config, config.database());
    }

    ClickHouseGateway gateway() {
        return gateway;
    }

    String connection() {
        return connection;
    }

    /** Runs a statement that returns no rows; returns the rows it wrote, or -1 when the server does not say. */
    long execute(String sql) {
        String queryId = newQueryId();
        return stoppable(queryId, () -> gateway.execute(sql, queryId));
    }

    /** Runs a SELECT (without FORMAT); keeps the first {@code keepRows} rows and counts the rest. */
    QueryResult query(String select, int keepRows) {
        String queryId = newQueryId();
        return stoppable(queryId, () -> {
            List<String> columns = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            long[] count = {0};
            boolean[] header = {true};
            // WithNames: the first row holds the column names, so outputs can name values
            gateway.queryStream(select, ClickHouseFormat.TabSeparatedWithNames, queryId,
                    in -> TabSeparatedReader.read(in, row -> {
                        if (header[0]) {
                            header[0] = false;
                            columns.addAll(row);
                        } else {
                            if (rows.size() < keepRows) {
                                rows.add(row);
                            }
                            count[0]++;
                        }
                    }));
            return new QueryResult(columns, rows, count[0]);
        });
    }

    private <T> T stoppable(String queryId, Callable<T> statement) {
        FutureTask<T> running = new FutureTask<>(statement);
        Thread.ofVirtual().name("task-statement-" + queryId).start(running);
        try {
            while (true) {
                try {
                    return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (cancelled.getAsBoolean()) {
                        throw stop(queryId, false);
                    }
                }
            }
        } catch (InterruptedException interrupted) {
            throw stop(queryId, true);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FerryException("ClickHouse statement failed: " + failed.getCause(), failed.getCause());
        }
    }

    /** Stops the statement on the server; keeps the executor's interrupt for whoever runs this thread. */
    private FerryException stop(String queryId, boolean byInterrupt) {
        String outcome;
        try {
            gateway.execute("KILL QUERY WHERE query_id = " + ClickHouseGateway.quoteString(queryId) + " ASYNC");
            outcome = "asked ClickHouse to stop it (KILL QUERY, query id " + queryId + ")";
        } catch (RuntimeException killFailed) {
            outcome = "could not stop it on the server (" + killFailed.getMessage() + "); it may still run as query "
                    + queryId;
        }
        if (byInterrupt) {
            Thread.currentThread().interrupt();
        }
        return new FerryException("statement stopped: the task timed out or its run was cancelled; " + outcome);
    }

    private static String newQueryId() {
        return "ferry-task-" + UUID.randomUUID();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
