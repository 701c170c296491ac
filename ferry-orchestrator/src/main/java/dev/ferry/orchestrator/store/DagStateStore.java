package dev.ferry.orchestrator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the scheduler keeps per DAG (paused, the last fire time it created a run for) and per scheduler. */
public final class DagStateStore {

    private final Sql sql;

    public DagStateStore(MetadataStore store) {
        this.sql = new Sql(store.dataSource());
    }

    /**
     * One DAG's row.
     *
     * @param lastFireAt the newest fire time a scheduled run exists for (or that counts as handled)
     */
    public record DagState(String dagId, boolean paused, Optional<Instant> lastFireAt, Instant firstSeenAt) {
    }

    /** Adds the DAG when new; an existing row (and its paused flag) is kept. */
    public void register(String dagId, boolean paused, Instant fireBaseline, Instant now) {
        if (state(dagId).isPresent()) {
            return;
        }
        try {
            sql.update("INSERT INTO dag (dag_id, paused, last_fire_at, first_seen_at) VALUES (?,?,?,?)", dagId, paused,
                    fireBaseline.toEpochMilli(), now.toEpochMilli());
        } catch (RuntimeException e) {
            if (!Sql.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    public Optional<DagState> state(String dagId) {
        return sql.first("SELECT dag_id, paused, last_fire_at, first_seen_at FROM dag WHERE dag_id = ?",
                row -> new DagState(row.getString(1), row.getBoolean(2),
                        Optional.ofNullable(Sql.nullableLong(row, "last_fire_at")).map(Instant::ofEpochMilli),
                        Instant.ofEpochMilli(row.getLong(4))), dagId);
    }

    public List<DagState> states() {
        return sql.query("SELECT dag_id, paused, last_fire_at, first_seen_at FROM dag ORDER BY dag_id",
                row -> new DagState(row.getString(1), row.getBoolean(2),
                        Optional.ofNullable(Sql.nullableLong(row, "last_fire_at")).map(Instant::ofEpochMilli),
                        Instant.ofEpochMilli(row.getLong(4))));
    }

    /** @return false when the DAG was never seen by a scheduler or CLI */
    public boolean setPaused(String dagId, boolean paused) {
        return sql.update("UPDATE dag SET paused = ? WHERE dag_id = ?", paused, dagId) == 1;
    }

    /** Moves the handled fire time forward, only from the value this scheduler read (compare-and-set). */
    public boolean advanceFire(String dagId, Optional<Instant> expected, Instant fire) {
        if (expected.isEmpty()) {
            return sql.update("UPDATE dag SET last_fire_at = ? WHERE dag_id = ? AND last_fire_at IS NULL",
                    fire.toEpochMilli(), dagId) == 1;
        }
        return sql.update("UPDATE dag SET last_fire_at = ? WHERE dag_id = ? AND last_fire_at = ?",
                fire.toEpochMilli(), dagId, expected.get().toEpochMilli()) == 1;
    }

    public void schedulerAlive(String worker, String host, Instant startedAt, Instant now) {
        if (sql.update("UPDATE scheduler SET heartbeat_at = ? WHERE worker = ?", now.toEpochMilli(), worker) == 0) {
            sql.update("INSERT INTO scheduler (worker, host, started_at, heartbeat_at) VALUES (?,?,?,?)", worker,
                    host, startedAt.toEpochMilli(), now.toEpochMilli());
        }
    }

    public void schedulerStopped(String worker) {
        sql.update("DELETE FROM scheduler WHERE worker = ?", worker);
    }

    /** Schedulers that showed a sign of life since {@code since}. */
    public List<String> liveSchedulers(Instant since) {
        return sql.query("SELECT worker FROM scheduler WHERE heartbeat_at >= ? ORDER BY worker",
                row -> row.getString(1), since.toEpochMilli());
    }
}
