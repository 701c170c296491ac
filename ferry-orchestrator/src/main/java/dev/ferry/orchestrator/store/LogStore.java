package dev.ferry.orchestrator.store;

import java.time.Instant;
import java.util.List;

/** Log lines of task attempts. */
public final class LogStore {

    private final Sql sql;

    public LogStore(MetadataStore store) {
        this.sql = new Sql(store.dataSource());
    }

    /** One stored line. */
    public record LogLine(int tryNumber, Instant at, String level, String message) {
    }

    public void append(String runId, String taskId, int tryNumber, Instant at, String level, String message) {
        String line = StoredText.line(message);
        sql.update("INSERT INTO task_log (run_id, task_id, try_number, logged_at, level, message) VALUES (?,?,?,?,?,?)",
                runId, taskId, tryNumber, at.toEpochMilli(), level, line);
    }

    /** @param tryNumber 0 for every attempt */
    public List<LogLine> lines(String runId, String taskId, int tryNumber) {
        return sql.query("SELECT try_number, logged_at, level, message FROM task_log WHERE run_id = ? AND task_id = ?"
                        + (tryNumber > 0 ? " AND try_number = " + tryNumber : "") + " ORDER BY try_number, id",
                row -> new LogLine(row.getInt(1), Instant.ofEpochMilli(row.getLong(2)), row.getString(3),
                        row.getString(4)), runId, taskId);
    }
}
