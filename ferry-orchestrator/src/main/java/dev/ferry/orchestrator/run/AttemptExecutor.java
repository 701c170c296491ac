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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AttemptExecutor.class);

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
    private final Map<String, Result> unrecorded = new ConcurrentHashMap<>();

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
        // not a fixed pool: a task that ignores interrupts keeps its thread after being given up, and must not
        // take a slot with it (the running map counts the slots)
        this.pool = Executors.newCachedThreadPool(Thread.ofPlatform().name("ferry-task-", 1).daemon().factory());
    }

    /** Why an attempt is stopped from outside. */
    enum Stop { TIMEOUT, CANCELLED, SHUTDOWN, TAKEN_OVER, FENCED }

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

    /** Starts an attempt this process has claimed ({@code claimed} carries the try number before the claim). */
    void start(DagRun run, Dag dag, TaskDefinition task, TaskInstance claimed) {
        int tryNumber = claimed.tryNumber() + 1;
        Instant now = clock.instant();
        Running attempt = new Running(run.runId(), task.id(), tryNumber, claimed.maxTries(),
                now.plus(task.timeout()), task.timeout());
        running.put(key(run.runId(), task.id()), attempt);
        listener.taskChanged(run.runId(), task.id(), TaskState.RUNNING, tryNumber, Optional.empty());
        try {
            attempt.future = pool.submit(() -> execute(run, dag, task, attempt.maxTries, attempt));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            attempt.stop.set(Stop.SHUTDOWN);
            finish(run, task, attempt.maxTries, attempt, Optional.empty(), Optional.empty());
        }
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
        StoreTaskLog log = new StoreTaskLog(logs, clock, run.runId(), task.id(), attempt.tryNumber, echo,
                environment.secrets());
        Optional<String> output = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
            log.info("attempt " + attempt.tryNumber + " of " + maxTries + " on " + worker);
            TaskContext context = new TaskContext(dag.id(), run.runId(), task.id(), attempt.tryNumber,
                    run.logicalDate(), values(run, dag, task, attempt.tryNumber), log, environment.connections(),
                    environment.config(), environment.workDir(), () -> attempt.stop.get() != null,
                    environment.secrets(), dag.paramSpecs().strings());
            @SuppressWarnings("unchecked")
            TaskType<Object> type = (TaskType<Object>) types.get(task.type()).orElseThrow(() ->
                    new IllegalStateException("task type '" + task.type() + "' is not known to this Ferry"));
            Map<String, Object> result = type.run(task.settings(), context);
            // a task may hand on what a command printed: outputs are stored and shown like logs, masked alike
            @SuppressWarnings("unchecked")
            Map<String, Object> masked = (Map<String, Object>) environment.secrets().mask()
                    .applyToValues(result == null ? Map.of() : result);
            String json = Json.write(masked);
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
        } catch (Throwable e) {
            // whatever ended the task (an OutOfMemoryError too) is recorded as its failure, never as success
            error = Optional.of(describe(e));
            if (attempt.stop.get() == null) {
                String message = error.get();
                bestEffort(() -> log.error(message));
            }
            if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
                finish(run, task, maxTries, attempt, output, error);
                throw fatal;
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
        error = error.map(environment.secrets().mask()::apply);
        Stop stop = attempt.stop.get();
        if ((stop == Stop.SHUTDOWN || stop == Stop.FENCED) && error.isEmpty() && output.isPresent()) {
            stop = null; // it completed just as the stop came
        }
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
            } else if (stop == Stop.FENCED || stop == Stop.TAKEN_OVER) {
                error = Optional.of("this scheduler lost touch with the metadata store; the task runs again (this"
                        + " attempt does not count against its retries)");
            }
            boolean free = stop == Stop.SHUTDOWN || stop == Stop.FENCED || stop == Stop.TAKEN_OVER;
            boolean retry = attempt.tryNumber < maxTries || free;
            state = retry ? TaskState.UP_FOR_RETRY : TaskState.FAILED;
            if (free) {
                nextTry = Optional.of(now);
            } else if (retry) {
                nextTry = Optional.of(now.plus(task.retry().delayAfter(attempt.tryNumber)));
            }
        } else {
            state = TaskState.SUCCESS;
        }
        Optional<String> finalError = error;
        Optional<Instant> finalNextTry = nextTry;
        if (stop != null) {
            bestEffort(() -> logs.append(run.runId(), task.id(), attempt.tryNumber, now, "ERROR",
                    finalError.orElse("")));
        }
        if (state == TaskState.UP_FOR_RETRY && nextTry.filter(at -> at.isAfter(now)).isPresent()) {
            bestEffort(() -> logs.append(run.runId(), task.id(), attempt.tryNumber, now, "INFO", "will retry at "
                    + DateTimeFormatter.ISO_INSTANT.format(finalNextTry.orElseThrow()) + " (attempt "
                    + (attempt.tryNumber + 1) + " of " + maxTries + ")"));
        }
        if (state == TaskState.FAILED || state == TaskState.CANCELLED) {
            TaskState ended = state;
            bestEffort(() -> logs.append(run.runId(), task.id(), attempt.tryNumber, now, "INFO", "task "
                    + ended.label() + (ended == TaskState.FAILED ? " after " + attempt.tryNumber + " attempt(s)" : "")));
        }
        boolean freeAttempt = stop == Stop.SHUTDOWN || stop == Stop.FENCED || stop == Stop.TAKEN_OVER;
        Result result = new Result(run.runId(), task.id(), attempt.tryNumber, state,
                state == TaskState.SUCCESS ? output : Optional.empty(), error, nextTry, freeAttempt, now);
        String key = key(run.runId(), task.id());
        try {
            unrecorded.put(key, result);
            running.remove(key);
            record(key, result);
        } finally {
            wake.run();
        }
    }

    /** How an attempt ended, kept until the store has it. */
    private record Result(String runId, String taskId, int tryNumber, TaskState state, Optional<String> output,
                          Optional<String> error, Optional<Instant> nextTry, boolean freeAttempt, Instant at) {
    }

    /**
     * Writes a result to the store. When the store cannot be reached the result stays in {@link #unrecorded},
     * its row keeps its heartbeat (so no other scheduler takes the task as lost) and each tick tries again.
     */
    private void record(String key, Result result) {
        try {
            boolean recorded = runs.finishAttempt(result.runId(), result.taskId(), worker, result.tryNumber(),
                    result.state(), result.output(), result.error(), result.nextTry(), result.freeAttempt(),
                    result.at());
            unrecorded.remove(key);
            if (recorded) {
                listener.taskChanged(result.runId(), result.taskId(), result.state(), result.tryNumber(),
                        result.error());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record the end of task {} of run {} ({}); trying again", result.taskId(),
                    result.runId(), describe(e));
        }
    }

    /** Tries again to record results the store did not take; called by every tick. */
    void recordPending() {
        unrecorded.forEach(this::record);
    }

    /**
     * Keeps the rows of this process's attempts alive, and stops an attempt whose row is no longer its own
     * (another scheduler took the task as lost while this one could not reach the store): the task must
     * not run twice at once.
     */
    void heartbeat(Instant now) {
        for (Running attempt : List.copyOf(running.values())) {
            if (!runs.heartbeat(attempt.runId, attempt.taskId, worker, attempt.tryNumber, now)
                    && attempt.stop.get() == null) {
                LOG.warn("task {} of run {} was taken over by another scheduler; stopping this attempt",
                        attempt.taskId, attempt.runId);
                stop(attempt, Stop.TAKEN_OVER);
            }
        }
        for (Result result : List.copyOf(unrecorded.values())) {
            runs.heartbeat(result.runId(), result.taskId(), worker, result.tryNumber(), now);
        }
    }

    /** Attempts this process holds: running, or ended but not yet recorded. */
    java.util.Set<String> held() {
        java.util.Set<String> keys = new java.util.HashSet<>(running.keySet());
        keys.addAll(unrecorded.keySet());
        return keys;
    }

    /** Stops every attempt, because this process lost touch with the store for too long (see heartbeat). */
    void stopAll(Stop why) {
        running.values().forEach(attempt -> stop(attempt, why));
    }

    private static void bestEffort(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.debug("could not write a task log line: {}", e.getMessage());
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
