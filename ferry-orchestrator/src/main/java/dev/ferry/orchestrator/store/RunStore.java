package dev.ferry.orchestrator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DAG runs and their task instances. Every state change is a compare-and-set ({@code UPDATE ... WHERE state =
 * <expected>}): the database's row lock makes exactly one of two competing schedulers see its update count
 * as 1, which is how two schedulers on one PostgreSQL store never start the same task twice.
 */
public final class RunStore {

    private static final String RUN_COLUMNS = "run_id, dag_id, run_type, logical_date, state, params, dag_source,"
            + " dag_file, cancel_requested, created_at, started_at, ended_at";
    private static final String TASK_COLUMNS = "run_id, task_id, dag_id, state, try_number, max_tries, next_try_at,"
            + " worker, heartbeat_at, started_at, ended_at, output, error";

    /** How the error of an attempt lost with its scheduler begins. */
    public static final String LOST = "lost: ";

    private final Sql sql;

    public RunStore(MetadataStore store) {
        this.sql = new Sql(store.dataSource());
    }

    /** A task a new run gets, with its number of tries. */
    public record NewTask(String taskId, int maxTries) {
    }

    /**
     * Creates a run and its tasks (pending) in one transaction.
     *
     * @return false when a run with this id exists (another scheduler created it first)
     */
    public boolean createRun(DagRun run, List<NewTask> tasks) {
        try {
            return sql.transaction(connection -> {
                Sql.update(connection, "INSERT INTO dag_run (" + RUN_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        run.runId(), run.dagId(), run.runType(), run.logicalDate().toEpochMilli(),
                        run.state().label(), Json.write(run.params()), run.dagSource(), run.dagFile(),
                        run.cancelRequested(), run.createdAt().toEpochMilli(), null, null);
                for (NewTask task : tasks) {
                    Sql.update(connection, "INSERT INTO task_instance (run_id, task_id, dag_id, state, try_number,"
                                    + " max_tries) VALUES (?,?,?,?,0,?)",
                            run.runId(), task.taskId(), run.dagId(), TaskState.PENDING.label(), task.maxTries());
                }
                return true;
            });
        } catch (RuntimeException e) {
            if (Sql.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<DagRun> run(String runId) {
        return sql.first("SELECT " + RUN_COLUMNS + " FROM dag_run WHERE run_id = ?", RunStore::run, runId);
    }

    /**
     * Polls the run until it has finished (someone else's scheduler loop runs it).
     *
     * @return the finished run, or empty when it was still going after {@code timeout}
     */
    public Optional<DagRun> awaitFinished(String runId, Duration timeout, Duration pollEvery)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            DagRun run = run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
            if (run.state().finished()) {
                return Optional.of(run);
            }
            Thread.sleep(pollEvery.toMillis());
        }
        return Optional.empty();
    }

    public List<DagRun> runsInState(RunState state) {
        return sql.query("SELECT " + RUN_COLUMNS + " FROM dag_run WHERE state = ? ORDER BY created_at, run_id",
                RunStore::run, state.label());
    }

    /** The newest runs of a DAG first. */
    public List<DagRun> runs(String dagId, int limit) {
        return sql.query("SELECT " + RUN_COLUMNS + " FROM dag_run WHERE dag_id = ? ORDER BY created_at DESC, run_id"
                + " DESC LIMIT " + Math.max(1, limit), RunStore::run, dagId);
    }

    /**
     * Starts a queued run if its DAG has fewer than {@code maxActive} running. The DAG's row is locked for the
     * check, so two schedulers cannot both see a free slot and start two runs.
     */
    public boolean startRunWithinLimit(String runId, String dagId, int maxActive, Instant now) {
        return sql.transaction(connection -> {
            Sql.query(connection, "SELECT dag_id FROM dag WHERE dag_id = ? FOR UPDATE", row -> row.getString(1), dagId);
            int running = Sql.query(connection, "SELECT COUNT(*) FROM dag_run WHERE dag_id = ? AND state = ?",
                    row -> row.getInt(1), dagId, RunState.RUNNING.label()).get(0);
            if (running >= maxActive) {
                return false;
            }
            // the slot may have been freed by another scheduler after this one read its clock: a run cannot have
            // started before the run whose end made room for it (its start would seem to overlap that run)
            long lastEnd = Sql.query(connection, "SELECT COALESCE(MAX(ended_at), 0) FROM dag_run WHERE dag_id = ?",
                    row -> row.getLong(1), dagId).get(0);
            return Sql.update(connection, "UPDATE dag_run SET state = ?, started_at = ? WHERE run_id = ? AND state = ?",
                    RunState.RUNNING.label(), Math.max(now.toEpochMilli(), lastEnd), runId,
                    RunState.QUEUED.label()) == 1;
        });
    }

    public boolean finishRun(String runId, RunState state, Instant now) {
        return sql.update("UPDATE dag_run SET state = ?, ended_at = ? WHERE run_id = ? AND state IN (?, ?)",
                state.label(), now.toEpochMilli(), runId, RunState.RUNNING.label(), RunState.QUEUED.label()) == 1;
    }

    /** @return false when the run does not exist or has finished */
    public boolean requestCancel(String runId) {
        return sql.update("UPDATE dag_run SET cancel_requested = TRUE WHERE run_id = ? AND state IN (?, ?)",
                runId, RunState.RUNNING.label(), RunState.QUEUED.label()) == 1;
    }

    public List<TaskInstance> tasks(String runId) {
        return sql.query("SELECT " + TASK_COLUMNS + " FROM task_instance WHERE run_id = ?", RunStore::task, runId);
    }

    public Optional<TaskInstance> task(String runId, String taskId) {
        return sql.first("SELECT " + TASK_COLUMNS + " FROM task_instance WHERE run_id = ? AND task_id = ?",
                RunStore::task, runId, taskId);
    }

    /** Queued tasks of running runs that are not being cancelled, oldest run first. */
    public List<TaskInstance> queuedTasks(int limit) {
        return sql.query("SELECT t." + TASK_COLUMNS.replace(", ", ", t.") + " FROM task_instance t JOIN dag_run r"
                + " ON r.run_id = t.run_id WHERE t.state = ? AND r.state = ? AND r.cancel_requested = FALSE"
                + " ORDER BY r.created_at, t.run_id, t.task_id LIMIT " + Math.max(1, limit),
                RunStore::task, TaskState.QUEUED.label(), RunState.RUNNING.label());
    }

    /** Running tasks whose worker has not shown a sign of life since {@code staleBefore}. */
    public List<TaskInstance> staleRunningTasks(Instant staleBefore) {
        return sql.query("SELECT " + TASK_COLUMNS + " FROM task_instance WHERE state = ? AND heartbeat_at < ?",
                RunStore::task, TaskState.RUNNING.label(), staleBefore.toEpochMilli());
    }

    /** Moves a task from one state to another if it is still in the expected one. */
    public boolean transition(String runId, String taskId, TaskState from, TaskState to, Instant now) {
        return sql.update("UPDATE task_instance SET state = ?, ended_at = ? WHERE run_id = ? AND task_id = ?"
                + " AND state = ?", to.label(), to.finished() ? now.toEpochMilli() : null, runId, taskId,
                from.label()) == 1;
    }

    /**
     * Takes a queued task for {@code worker}: exactly one of several schedulers trying at once gets true,
     * and the try number counts the new attempt.
     */
    public boolean claim(TaskInstance task, String worker, Instant now) {
        return sql.transaction(connection -> {
            int claimed = Sql.update(connection, "UPDATE task_instance SET state = ?, worker = ?, try_number ="
                            + " try_number + 1, heartbeat_at = ?, started_at = ?, ended_at = NULL, next_try_at = NULL,"
                            + " error = NULL WHERE run_id = ? AND task_id = ? AND state = ? AND try_number = ?",
                    TaskState.RUNNING.label(), worker, now.toEpochMilli(), now.toEpochMilli(), task.runId(),
                    task.taskId(), TaskState.QUEUED.label(), task.tryNumber());
            if (claimed == 1) {
                Sql.update(connection, "INSERT INTO task_attempt (run_id, task_id, try_number, state, worker,"
                                + " started_at) VALUES (?,?,?,?,?,?)", task.runId(), task.taskId(),
                        task.tryNumber() + 1, TaskState.RUNNING.label(), worker, now.toEpochMilli());
            }
            return claimed == 1;
        });
    }

    /**
     * Records how an attempt ended, if {@code worker} still owns it (a task declared dead by another
     * scheduler and retried elsewhere is not overwritten by its late result).
     *
     * @param state SUCCESS, FAILED, UP_FOR_RETRY or CANCELLED
     */
    public boolean finishAttempt(String runId, String taskId, String worker, int tryNumber, TaskState state,
                                 Optional<String> output, Optional<String> error, Optional<Instant> nextTryAt,
                                 Instant now) {
        return finishAttempt(runId, taskId, worker, tryNumber, state, output, error, nextTryAt, false, now);
    }

    /**
     * @param freeAttempt the attempt does not count against the task's tries (its scheduler was stopped on
     *                    purpose, which says nothing about the task)
     */
    public boolean finishAttempt(String runId, String taskId, String worker, int tryNumber, TaskState state,
                                 Optional<String> output, Optional<String> error, Optional<Instant> nextTryAt,
                                 boolean freeAttempt, Instant now) {
        return sql.transaction(connection -> {
            int updated = Sql.update(connection, "UPDATE task_instance SET state = ?, ended_at = ?, output = ?,"
                            + " error = ?, next_try_at = ?, max_tries = max_tries + ? WHERE run_id = ? AND task_id = ?"
                            + " AND state = ? AND worker = ? AND try_number = ?",
                    state.label(), state.finished() ? now.toEpochMilli() : null, output.orElse(null),
                    error.map(StoredText::error).orElse(null), nextTryAt.map(Instant::toEpochMilli).orElse(null),
                    freeAttempt ? 1 : 0,
                    runId, taskId, TaskState.RUNNING.label(), worker, tryNumber);
            if (updated == 1) {
                TaskState attemptState = state == TaskState.UP_FOR_RETRY ? TaskState.FAILED : state;
                Sql.update(connection, "UPDATE task_attempt SET state = ?, ended_at = ?, error = ? WHERE run_id = ?"
                                + " AND task_id = ? AND try_number = ?", attemptState.label(), now.toEpochMilli(),
                        error.map(StoredText::error).orElse(null), runId, taskId, tryNumber);
            }
            return updated == 1;
        });
    }

    /** Caps a task's tries, for one-off test runs that should not retry. */
    public void limitTries(String runId, String taskId, int maxTries) {
        sql.update("UPDATE task_instance SET max_tries = ? WHERE run_id = ? AND task_id = ?", maxTries, runId, taskId);
    }

    /**
     * Marks one attempt of this worker alive.
     *
     * @return false when the row is no longer this attempt's (another scheduler took the task as lost)
     */
    public boolean heartbeat(String runId, String taskId, String worker, int tryNumber, Instant now) {
        return sql.update("UPDATE task_instance SET heartbeat_at = ? WHERE run_id = ? AND task_id = ? AND worker = ?"
                + " AND try_number = ? AND state = ?", now.toEpochMilli(), runId, taskId, worker, tryNumber,
                TaskState.RUNNING.label()) == 1;
    }

    public List<Attempt> attempts(String runId, String taskId) {
        return sql.query("SELECT try_number, state, worker, started_at, ended_at, error FROM task_attempt"
                        + " WHERE run_id = ? AND task_id = ? ORDER BY try_number",
                row -> new Attempt(row.getInt(1), TaskState.of(row.getString(2)), row.getString(3),
                        Instant.ofEpochMilli(row.getLong(4)), Optional.ofNullable(Sql.nullableLong(row, "ended_at"))
                        .map(Instant::ofEpochMilli), Optional.ofNullable(row.getString(6))), runId, taskId);
    }

    /** Attempts of a task instance that were lost with their scheduler. */
    public int lostAttempts(String runId, String taskId) {
        return sql.first("SELECT COUNT(*) FROM task_attempt WHERE run_id = ? AND task_id = ? AND error LIKE ?",
                row -> row.getInt(1), runId, taskId, LOST + "%").orElse(0);
    }

    /** One try of a task instance. */
    public record Attempt(int tryNumber, TaskState state, String worker, Instant startedAt, Optional<Instant> endedAt,
                          Optional<String> error) {
    }

    private static DagRun run(ResultSet row) throws SQLException {
        Map<String, Object> params = Json.read(row.getString("params"));
        return new DagRun(row.getString("run_id"), row.getString("dag_id"), row.getString("run_type"),
                Instant.ofEpochMilli(row.getLong("logical_date")), RunState.of(row.getString("state")), params,
                row.getString("dag_source"), row.getString("dag_file"), row.getBoolean("cancel_requested"),
                Instant.ofEpochMilli(row.getLong("created_at")), instant(row, "started_at"), instant(row, "ended_at"));
    }

    private static TaskInstance task(ResultSet row) throws SQLException {
        return new TaskInstance(row.getString("run_id"), row.getString("task_id"), row.getString("dag_id"),
                TaskState.of(row.getString("state")), row.getInt("try_number"), row.getInt("max_tries"),
                instant(row, "next_try_at"), Optional.ofNullable(row.getString("worker")), instant(row, "heartbeat_at"),
                instant(row, "started_at"), instant(row, "ended_at"), Optional.ofNullable(row.getString("output")),
                Optional.ofNullable(row.getString("error")));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(Sql.nullableLong(row, column)).map(Instant::ofEpochMilli);
    }
}
