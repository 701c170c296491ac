package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.connections.ConnectionProbe;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code type: check_connections}: logs in to each named server (all of the config's when none are named)
 * and fails naming every one that did not answer, so a DAG stops before its real work with a clear
 * "the warehouse is down" instead of failing halfway. The servers are tried at once, so one dead host
 * costs one timeout, not one per connection.
 */
public final class CheckConnectionsTask implements TaskType<CheckConnectionsSettings> {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEADLINE_GRACE = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "check_connections";
    }

    @Override
    public Set<String> fields() {
        return Set.of("connections", "connect_timeout");
    }

    @Override
    public CheckConnectionsSettings parse(YamlMap task) {
        List<String> names = YamlFields.textOrList(task, "connections");
        Duration timeout = task.duration("connect_timeout", DEFAULT_TIMEOUT, false);
        return new CheckConnectionsSettings(names, timeout == null ? DEFAULT_TIMEOUT : timeout);
    }

    /** What one check found. */
    private record Outcome(String name, String type, String version, String error) {

        Map<String, Object> output() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", type);
            entry.put("status", error == null ? "ok" : "failed");
            entry.put(error == null ? "version" : "error", error == null ? version : error);
            return entry;
        }
    }

    @Override
    public Map<String, Object> run(CheckConnectionsSettings settings, TaskContext context) throws InterruptedException {
        List<String> names = settings.connections().isEmpty()
                ? List.copyOf(context.requireConfig().connections().keySet())
                : settings.connections().stream().map(context::render).toList();
        if (names.isEmpty()) {
            throw new FerryException("the Ferry config has no connections to check");
        }
        context.log().info("checking " + String.join(", ", names) + " (each may take "
                + seconds(settings.timeout()) + ")");
        List<Outcome> outcomes = check(names, settings.timeout(), context);
        Map<String, Object> perConnection = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            perConnection.put(outcome.name(), outcome.output());
            if (outcome.error() == null) {
                context.log().info(outcome.name() + " (" + outcome.type() + "): ok, " + outcome.version());
            } else {
                String failure = outcome.name() + " (" + outcome.type() + "): " + outcome.error();
                context.log().error(failure);
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new TaskFailure(failures.size() + " of " + names.size() + " connections unreachable:\n- "
                    + String.join("\n- ", failures));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ok", outcomes.size());
        output.put("connections", perConnection);
        return output;
    }

    private static List<Outcome> check(List<String> names, Duration timeout, TaskContext context)
            throws InterruptedException {
        Map<String, ConnectionConfig> found = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String name : names) {
            try {
                found.put(name, context.connections().get(name));
            } catch (FerryException e) {
                unknown.put(name, e.getMessage());
            }
        }
        // virtual threads: a driver stuck connecting to a dead host must not hold the task past the deadline
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Map<String, Future<String>> running = new LinkedHashMap<>();
            found.forEach((name, connection) -> running.put(name,
                    pool.submit(() -> ConnectionProbe.probe(connection, timeout))));
            // probes that can be given a timeout (Kafka) report their own, more telling failure first
            long deadline = System.nanoTime() + timeout.plus(DEADLINE_GRACE).toNanos();
            List<Outcome> outcomes = new ArrayList<>();
            for (String name : names) {
                ConnectionConfig connection = found.get(name);
                if (connection == null) {
                    outcomes.add(new Outcome(name, "unknown", null, unknown.get(name)));
                    continue;
                }
                String type = connection.type().label();
                Redactor redactor = Redactor.of(List.of(connection.password().reveal()));
                try {
                    String version = running.get(name).get(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                    outcomes.add(new Outcome(name, type, version, null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(name, type, null, redactor.redact(message(e.getCause()))));
                } catch (TimeoutException e) {
                    running.get(name).cancel(true);
                    outcomes.add(new Outcome(name, type, null, "no answer within " + seconds(timeout) + " from "
                            + where(connection)));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String where(ConnectionConfig connection) {
        return connection.url() != null ? connection.url() : connection.host() + ":" + connection.port();
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
    }
}
