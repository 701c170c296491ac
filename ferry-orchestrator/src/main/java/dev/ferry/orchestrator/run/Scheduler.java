package dev.ferry.orchestrator.run;

import dev.ferry.core.config.ConfigException;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.DagFolder;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.dag.DagSet;
import dev.ferry.orchestrator.dag.TaskDefinition;
import dev.ferry.orchestrator.run.AttemptExecutor.RunContext;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.DagStateStore;
import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import dev.ferry.orchestrator.task.TaskTypes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler process: creates the runs schedules owe, moves tasks along their dependencies, claims ready
 * tasks and runs them, retries, times out, cancels. All of it happens in {@link #tick()}, which the loop
 * calls when a task of its own finishes and otherwise every poll interval (to see what other processes and
 * the CLI did). Several schedulers may share one PostgreSQL store: every change is a compare-and-set in the
 * store, so each task attempt runs in exactly one of them.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final int FREE_LOST_ATTEMPTS = 2;

    private final SchedulerSettings settings;
    private final DagFolder folder;
    private final DagParser parser;
    private final Clock clock;
    private final SchedulerListener listener;
    private final RunStore runs;
    private final DagStateStore dagStates;
    private final RunFactory factory;
    private final CronRuns cronRuns;
    private final AttemptExecutor executor;
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<String, Dag> runDags = new HashMap<>();
    private final Instant startedAt;
    /** Looked up once: a name lookup on every heartbeat could be slow exactly when the network is. */
    private final String host = SchedulerSettings.hostName();
    /** DAGs with a row in the store; registering is needed once per DAG, not on every tick. */
    private final java.util.Set<String> registered = new java.util.HashSet<>();
    private final java.util.concurrent.ScheduledExecutorService heartbeats;
    private volatile Instant lastHeartbeat;
    private volatile boolean fenced;
    private volatile boolean stopping;

    /**
     * @param folder the DAG files; null for a process that only executes runs created elsewhere
     * @param echo   receives each task log line as it is written (the console of {@code ferry dags test})
     */
    public Scheduler(SchedulerSettings settings, MetadataStore store, DagFolder folder, DagParser parser,
                     TaskTypes types, TaskEnvironment environment, Clock clock, SchedulerListener listener,
                     Consumer<String> echo) {
        this.settings = settings;
        this.folder = folder;
        this.parser = parser;
        this.clock = clock;
        this.listener = listener;
        this.runs = new RunStore(store);
        this.dagStates = new DagStateStore(store);
        this.factory = new RunFactory(runs);
        this.cronRuns = new CronRuns(dagStates, factory);
        this.executor = new AttemptExecutor(settings, runs, new LogStore(store), types, environment, clock,
                listener, this::wake, echo);
        this.startedAt = clock.instant();
        this.lastHeartbeat = startedAt;
        // heartbeats on a timer of their own: a slow tick (a big catch-up, a slow store) must not make this
        // process's tasks look lost to the other schedulers
        this.heartbeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ferry-heartbeat").daemon().factory());
        long every = Math.max(50, settings.heartbeatEvery().toMillis());
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public String worker() {
        return settings.worker();
    }

    /** Makes the loop tick now rather than at the next poll. */
    public void wake() {
        wakeups.release();
    }

    /** Ticks until {@link #close()} or an interrupt. */
    public void runLoop() {
        LOG.info("scheduler {} started: {} task slot(s), polling every {}", settings.worker(), settings.concurrency(),
                Durations.format(settings.pollInterval()));
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                tick();
            } catch (RuntimeException e) {
                // the store may be briefly unreachable: keep going, the next tick retries everything
                LOG.warn("scheduler tick failed: {}", AttemptExecutor.describe(e));
            }
            try {
                if (wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One pass over everything: schedules, runs, tasks. Tests call it directly with a controlled clock. */
    public synchronized void tick() {
        Instant now = clock.instant();
        executor.recordPending();
        if (settings.createScheduled() && folder != null) {
            createScheduledRuns(folder.load(), now);
        }
        java.util.Set<String> known = new java.util.HashSet<>(startQueuedRuns(now));
        Map<String, RunContext> active = new HashMap<>();
        for (DagRun run : runs.runsInState(RunState.RUNNING)) {
            advance(run, now).ifPresent(dag -> active.put(run.runId(), new RunContext(run, dag)));
        }
        recoverLostTasks(now);
        executor.enforceTimeouts(active);
        if (!fenced) {
            claimQueued(active, now);
        }
        known.addAll(active.keySet());
        runDags.keySet().retainAll(known);
    }

    /**
     * Marks this process and its attempts alive. A process that cannot reach the store for half of
     * {@code lost_after} stops its own attempts before the others take them as lost, so no task runs in two
     * places at once (it claims nothing new until the store answers again).
     */
    private void heartbeat() {
        Instant now = clock.instant();
        try {
            dagStates.schedulerAlive(settings.worker(), host, startedAt, now);
            executor.heartbeat(now);
            lastHeartbeat = now;
            if (fenced) {
                LOG.info("scheduler {} reaches the store again", settings.worker());
                fenced = false;
            }
        } catch (RuntimeException e) {
            if (!fenced && now.isAfter(lastHeartbeat.plus(settings.zombieAfter().dividedBy(2)))) {
                LOG.warn("scheduler {} cannot reach the store since {} ({}); stopping its tasks before other"
                        + " schedulers take them over", settings.worker(), lastHeartbeat, AttemptExecutor.describe(e));
                fenced = true;
                executor.stopAll(AttemptExecutor.Stop.FENCED);
            }
        }
    }

    /** One DAG that cannot be registered or scheduled (say, an id too long for the store) spoils no other. */
    private void createScheduledRuns(DagSet dags, Instant now) {
        for (Dag dag : dags.dags().values()) {
            try {
                if (!registered.contains(dag.id())) {
                    dagStates.register(dag.id(), dag.pausedOnCreation(), CronRuns.baseline(dag, now), now);
                    registered.add(dag.id());
                }
                for (DagRun run : cronRuns.createDue(dag, now)) {
                    LOG.info("scheduled run {} of {} created", run.runId(), dag.id());
                    listener.runCreated(run);
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot schedule DAG {}: {}", dag.id(), AttemptExecutor.describe(e));
            }
        }
    }

    /**
     * Queued runs start while their DAG is not paused and has fewer than max_active_runs running.
     *
     * @return the runs still queued, whose parsed DAGs are worth keeping
     */
    private List<String> startQueuedRuns(Instant now) {
        List<String> waiting = new java.util.ArrayList<>();
        for (DagRun run : runs.runsInState(RunState.QUEUED)) {
            if (run.cancelRequested()) {
                if (runs.finishRun(run.runId(), RunState.CANCELLED, now)) {
                    runs.tasks(run.runId()).forEach(task -> runs.transition(run.runId(), task.taskId(), task.state(),
                            TaskState.CANCELLED, now));
                    listener.runFinished(run, RunState.CANCELLED);
                }
                continue;
            }
            Optional<Dag> dag = dagOf(run);
            if (dag.isEmpty()) {
                runs.finishRun(run.runId(), RunState.FAILED, now);
                continue;
            }
            if (dagStates.state(run.dagId()).map(DagStateStore.DagState::paused).orElse(false)) {
                waiting.add(run.runId());
                continue;
            }
            if (runs.startRunWithinLimit(run.runId(), run.dagId(), dag.get().maxActiveRuns(), now)) {
                LOG.info("run {} of {} started", run.runId(), run.dagId());
            } else {
                waiting.add(run.runId());
            }
        }
        return waiting;
    }

    /** Moves one running run's tasks along; returns its DAG while the run goes on. */
    private Optional<Dag> advance(DagRun run, Instant now) {
        Optional<Dag> dag = dagOf(run);
        if (dag.isEmpty()) {
            runs.finishRun(run.runId(), RunState.FAILED, now);
            return Optional.empty();
        }
        if (run.cancelRequested()) {
            executor.cancelRun(run.runId());
        }
        List<TaskInstance> instances = runs.tasks(run.runId());
        RunPlanner.Plan plan = RunPlanner.plan(dag.get(), instances, run.cancelRequested(), now);
        boolean allApplied = true;
        for (RunPlanner.Transition change : plan.transitions()) {
            if (runs.transition(run.runId(), change.taskId(), change.from(), change.to(), now)) {
                listener.taskChanged(run.runId(), change.taskId(), change.to(), 0, Optional.empty());
            } else {
                allApplied = false; // another scheduler moved the task first (claimed it): look again next tick
            }
        }
        if (plan.outcome().isPresent() && allApplied) {
            if (runs.finishRun(run.runId(), plan.outcome().get(), now)) {
                LOG.info("run {} of {} {}", run.runId(), run.dagId(), plan.outcome().get().label());
                listener.runFinished(run, plan.outcome().get());
            }
            return Optional.empty();
        }
        return dag;
    }

    /**
     * A running task whose worker stopped heartbeating belongs to a process that died (killed, machine lost):
     * its attempt is failed and the task runs again, here or elsewhere. A lost attempt says nothing about the
     * task, so the first {@value #FREE_LOST_ATTEMPTS} do not count against its retries; a task lost more often
     * may itself be what kills its scheduler (memory), and follows its retries like any failure.
     */
    private void recoverLostTasks(Instant now) {
        java.util.Set<String> held = executor.held();
        for (TaskInstance task : runs.staleRunningTasks(now.minus(settings.zombieAfter()))) {
            // this process's own row that it no longer holds (its attempt was given up) is lost as well
            if (task.worker().filter(settings.worker()::equals).isPresent()
                    && held.contains(task.runId() + "\u0000" + task.taskId())) {
                continue;
            }
            boolean free = runs.lostAttempts(task.runId(), task.taskId()) < FREE_LOST_ATTEMPTS;
            boolean retry = free || task.tryNumber() < task.maxTries();
            Optional<Dag> dag = runs.run(task.runId()).flatMap(this::dagOf);
            Optional<Instant> nextTry = free ? Optional.of(now) : retry ? Optional.of(now.plus(dag.flatMap(
                    d -> d.task(task.taskId())).map(def -> def.retry().delayAfter(task.tryNumber()))
                    .orElse(java.time.Duration.ZERO))) : Optional.empty();
            String error = RunStore.LOST + "scheduler " + task.worker().orElse("?") + " stopped sending heartbeats"
                    + " while running this task (it was killed or its machine went away)";
            TaskState state = retry ? TaskState.UP_FOR_RETRY : TaskState.FAILED;
            if (runs.finishAttempt(task.runId(), task.taskId(), task.worker().orElse(""), task.tryNumber(), state,
                    Optional.empty(), Optional.of(error), nextTry, free, now)) {
                LOG.warn("task {} of run {}: {}", task.taskId(), task.runId(), error);
                listener.taskChanged(task.runId(), task.taskId(), state, task.tryNumber(), Optional.of(error));
            }
        }
    }

    private void claimQueued(Map<String, RunContext> active, Instant now) {
        int free = executor.freeSlots();
        if (free == 0 || stopping) {
            return;
        }
        for (TaskInstance queued : runs.queuedTasks(free * 4)) {
            if (executor.freeSlots() == 0) {
                return;
            }
            RunContext context = active.get(queued.runId());
            if (context == null) {
                continue;
            }
            Optional<TaskDefinition> task = context.dag().task(queued.taskId());
            if (task.isPresent() && runs.claim(queued, settings.worker(), now)) {
                executor.start(context.run(), context.dag(), task.get(), queued);
            }
        }
    }

    /** The DAG version a run executes: the text stored with it, parsed once per run. */
    private Optional<Dag> dagOf(DagRun run) {
        Dag cached = runDags.get(run.runId());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Dag dag = parser.parse(Path.of(run.dagFile()), run.dagSource());
            runDags.put(run.runId(), dag);
            return Optional.of(dag);
        } catch (ConfigException problems) {
            // a task type this Ferry no longer knows, say: the run cannot go on
            LOG.error("run {} cannot be executed, its DAG no longer reads: {}", run.runId(), problems.getMessage());
            return Optional.empty();
        }
    }

    /** Creates a manual run; a running scheduler picks it up at its next tick. */
    public DagRun trigger(Dag dag, Map<String, Object> params) {
        DagRun run = factory.manual(dag, params, clock.instant());
        listener.runCreated(run);
        wake();
        return run;
    }

    /** Stops taking work, interrupts running attempts (recorded as failed, so retries apply) and leaves. */
    @Override
    public void close() {
        stopping = true;
        wake();
        heartbeats.shutdownNow();
        executor.close();
        synchronized (this) {
            try {
                dagStates.schedulerStopped(settings.worker());
            } catch (RuntimeException e) {
                LOG.debug("could not remove scheduler row: {}", e.getMessage());
            }
        }
    }
}
