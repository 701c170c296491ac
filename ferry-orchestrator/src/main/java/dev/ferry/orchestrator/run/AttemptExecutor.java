package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.TaskDefinition;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.Json;
import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TaskTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs claimed attempts on a bounded pool of threads and records how each ended. A timeout or a cancelled
 * run interrupts the attempt's thread (tasks react: a shell task kills its process tree) and is recorded at
 * once, so the run moves on even if a task ignores the interrupt.
 */
final class AttemptExecutor implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** Kestra caps a whole execution context near 1 MB; one task's output is kept far smaller. */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private final String worker;
    private final RunStore runs;
    private final LogStore logs;
    private final TaskTypes types;
    private final TaskEnvironment environment;
    private final Clock clock;
    private final SchedulerListener listener;
    private final Runnable wake;
    private final Consumer<String> echo;
    private final ExecutorService pool;
    private final int capacity;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    AttemptExecutor(SchedulerSettings settings, RunStore runs, LogStore logs, TaskTypes types,
                    TaskEnvironment environment, Clock clock, SchedulerListener listener, Runnable wake,
                    Consumer<String> echo) {
        this.worker = settings.worker();
        this.runs = runs;
        this.logs = logs;
        this.types = types;
        this.environment = environment;
        this.clock = clock;
        this.listener = listener;
        this.wake = wake;
        this.echo = echo;
        this.capacity = settings.concurrency();
        this.pool = Executors.newFixedThreadPool(capacity, Thread.ofPlatform().name("ferry-task-", 1).daemon()
                .factory());
    }

    /** Why an attempt is stopped from outside. */
    enum Stop { TIMEOUT, CANCELLED, SHUTDOWN }

    private static final class Running {
        final String runId;
        final String taskId;
        final int tryNumber;
        final int maxTries;
        final Instant deadline;
        final Duration timeout;
        final AtomicReference<Stop> stop = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Instant stoppedAt;
        volatile Future<?> future;

        Running(String runId, String taskId, int tryNumber, int maxTries, Instant deadline, Duration timeout) {
            this.runId = runId;
            this.taskId = taskId;
            this.tryNumber = tryNumber;
            this.maxTries = maxTries;
            this.deadline = deadline;
            this.timeout = timeout;
        }
    }

    int freeSlots() {
        return Math.max(0, capacity - running.size());
    }

    boolean isRunning(String runId) {
        return running.values().stream().anyMatch(attempt -> attempt.runId.equals(runId));
    }

    /** Starts an attempt this process has claimed ({@code claimed} carries the try number before the claim). */
    void start(DagRun run, Dag dag, TaskDefinition task, TaskInstance claimed) {
        int tryNumber = claimed.tryNumber() + 1;
        Instant now = clock.instant();
        Running attempt = new Running(run.runId(), task.id(), tryNumber, claimed.maxTries(),
                now.plus(task.timeout()), task.timeout());
        running.put(key(run.runId(), task.id()), attempt);
        listener.taskChanged(run.runId(), task.id(), TaskState.RUNNING, tryNumber, Optional.empty());
        attempt.future = pool.submit(() -> execute(run, dag, task, attempt.maxTries, attempt));
    }

    /**
     * Stops attempts that ran past their timeout, and records attempts that were stopped but whose task has
     * not returned after a grace period (it ignores interrupts): the run goes on; the thread is left behind.
     */
    void enforceTimeouts(Map<String, RunContext> contexts) {
        Instant now = clock.instant();
        for (Running attempt : List.copyOf(running.values())) {
            if (now.isAfter(attempt.deadline)) {
                stop(attempt, Stop.TIMEOUT);
            }
            Instant stoppedAt = attempt.stoppedAt;
            RunContext context = contexts.get(attempt.runId);
            if (stoppedAt != null && context != null && now.isAfter(stoppedAt.plus(STOP_GRACE))) {
                finish(context.run(), context.dag().task(attempt.taskId).orElseThrow(), attempt.maxTries, attempt,
                        Optional.empty(), Optional.of("the task did not stop within " + Durations.format(STOP_GRACE)
                                + " of being interrupted; its thread was abandoned"));
            }
        }
    }

    /** A run with the DAG version it executes, as the scheduler knows it. */
    record RunContext(DagRun run, Dag dag) {
    }

    void cancelRun(String runId) {
        running.values().stream().filter(attempt -> attempt.runId.equals(runId))
                .forEach(attempt -> stop(attempt, Stop.CANCELLED));
    }

    private void stop(Running attempt, Stop why) {
        if (attempt.stop.compareAndSet(null, why)) {
            attempt.stoppedAt = clock.instant();
            Future<?> future = attempt.future;
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    private void execute(DagRun run, Dag dag, TaskDefinition task, int maxTries, Running attempt) {
        StoreTaskLog log = new StoreTaskLog(logs, clock, run.runId(), task.id(), attempt.tryNumber, echo);
        Optional<String> output = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
            log.info("attempt " + attempt.tryNumber + " of " + maxTries + " on " + worker);
            TaskContext context = new TaskContext(dag.id(), run.runId(), task.id(), attempt.tryNumber,
                    run.logicalDate(), values(run, dag, task, attempt.tryNumber), log, environment.connections(),
                    environment.config(), environment.workDir(), () -> attempt.stop.get() != null);
            @SuppressWarnings("unchecked")
            TaskType<Object> type = (TaskType<Object>) types.get(task.type()).orElseThrow(() ->
                    new IllegalStateException("task type '" + task.type() + "' is not known to this Ferry"));
            Map<String, Object> result = type.run(task.settings(), context);
            String json = Json.write(result == null ? Map.of() : result);
            if (json.length() > MAX_OUTPUT_CHARS) {
                throw new IllegalStateException("the task's output is " + json.length() / 1024 + " KB; outputs are"
                        + " for small values (at most " + MAX_OUTPUT_CHARS / 1024 + " KB): keep large data in"
                        + " ClickHouse or files and hand over its name");
            }
            output = Optional.of(json);
            if (attempt.stop.get() == null) {
                log.info("succeeded" + (result == null || result.isEmpty() ? "" : "; output " + json));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = Optional.of("interrupted");
        } catch (Exception | LinkageError | StackOverflowError e) {
            // a task that fails is an outcome to record, whatever the throwable; other Errors end the process
            error = Optional.of(describe(e));
            if (attempt.stop.get() == null) {
                log.error(error.get());
            }
        } finally {
            finish(run, task, maxTries, attempt, output, error);
        }
    }

    private void finish(DagRun run, TaskDefinition task, int maxTries, Running attempt, Optional<String> output,
                        Optional<String> error) {
        if (!attempt.finished.compareAndSet(false, true)) {
            return;
        }
        Stop stop = attempt.stop.get();
        Instant now = clock.instant();
        TaskState state;
        Optional<Instant> nextTry = Optional.empty();
        if (stop == Stop.CANCELLED) {
            state = TaskState.CANCELLED;
            error = Optional.of("cancelled: the run was cancelled");
        } else if (stop != null || error.isPresent()) {
            if (stop == Stop.TIMEOUT && error.filter(text -> text.startsWith("the task did not stop")).isEmpty()) {
                error = Optional.of("timed out after " + Durations.format(attempt.timeout)
                        + " (the task's timeout); raise 'timeout' if the work needs longer");
            } else if (stop == Stop.SHUTDOWN) {
                error = Optional.of("the scheduler stopped while the task ran; it runs again (this attempt does"
                        + " not count against its retries)");
            }
            boolean retry = attempt.tryNumber < maxTries || stop == Stop.SHUTDOWN;
            state = retry ? TaskState.UP_FOR_RETRY : TaskState.FAILED;
            if (stop == Stop.SHUTDOWN) {
                nextTry = Optional.of(now);
            } else if (retry) {
                nextTry = Optional.of(now.plus(task.retry().delayAfter(attempt.tryNumber)));
            }
        } else {
            state = TaskState.SUCCESS;
        }
        try {
            if (stop != null) {
                logs.append(run.runId(), task.id(), attempt.tryNumber, now, "ERROR", error.orElse(""));
            }
            if (state == TaskState.UP_FOR_RETRY && stop != Stop.SHUTDOWN) {
                logs.append(run.runId(), task.id(), attempt.tryNumber, now, "INFO", "will retry at "
                        + DateTimeFormatter.ISO_INSTANT.format(nextTry.orElseThrow()) + " (attempt "
                        + (attempt.tryNumber + 1) + " of " + maxTries + ")");
            }
            if (state == TaskState.FAILED || state == TaskState.CANCELLED) {
                logs.append(run.runId(), task.id(), attempt.tryNumber, now, "INFO", "task " + state.label()
                        + (state == TaskState.FAILED ? " after " + attempt.tryNumber + " attempt(s)" : ""));
            }
            boolean recorded = runs.finishAttempt(run.runId(), task.id(), worker, attempt.tryNumber, state,
                    state == TaskState.SUCCESS ? output : Optional.empty(), error, nextTry, stop == Stop.SHUTDOWN, now);
            if (recorded) {
                listener.taskChanged(run.runId(), task.id(), state, attempt.tryNumber, error);
            }
        } finally {
            running.remove(key(run.runId(), task.id()));
            wake.run();
        }
    }

    /** The values {@code {{ ... }}} references resolve against. */
    private Map<String, Object> values(DagRun run, Dag dag, TaskDefinition task, int tryNumber) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("params", run.params());
        values.put("ds", run.logicalDate().atZone(dag.zone()).toLocalDate().toString());
        values.put("ds_nodash", run.logicalDate().atZone(dag.zone()).toLocalDate().toString().replace("-", ""));
        values.put("ts", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(run.logicalDate().atZone(dag.zone())));
        values.put("logical_date", DateTimeFormatter.ISO_INSTANT.format(run.logicalDate()));
        values.put("run_id", run.runId());
        values.put("dag_id", dag.id());
        values.put("task_id", task.id());
        values.put("try_number", tryNumber);
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<TaskInstance> instances = runs.tasks(run.runId());
        for (TaskInstance instance : instances) {
            if (instance.state() == TaskState.SUCCESS) {
                outputs.put(instance.taskId(), Json.read(instance.output().orElse(null)));
            }
        }
        values.put("tasks", outputs);
        return values;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof dev.ferry.core.FerryException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    private static String key(String runId, String taskId) {
        return runId + "\u0000" + taskId;
    }

    /** Stops every attempt (recorded as failed by a stopping scheduler, so retries apply) and the pool. */
    @Override
    public void close() {
        running.values().forEach(attempt -> stop(attempt, Stop.SHUTDOWN));
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
