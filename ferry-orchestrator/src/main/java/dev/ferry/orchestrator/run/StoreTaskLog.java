package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.task.TaskLog;
import dev.ferry.orchestrator.task.TaskSecrets;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task attempt's log: each line is stored (for {@code ferry tasks logs}) and echoed to Ferry's own log, with
 * known secrets masked in both.
 */
final class StoreTaskLog implements TaskLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ferry.task");

    private final LogStore store;
    private final Clock clock;
    private final String runId;
    private final String taskId;
    private final int tryNumber;
    private final Consumer<String> echo;
    private final TaskSecrets secrets;

    StoreTaskLog(LogStore store, Clock clock, String runId, String taskId, int tryNumber, Consumer<String> echo,
                 TaskSecrets secrets) {
        this.store = store;
        this.clock = clock;
        this.runId = runId;
        this.taskId = taskId;
        this.tryNumber = tryNumber;
        this.echo = echo;
        this.secrets = secrets;
    }

    @Override
    public void info(String message) {
        write("INFO", message);
    }

    @Override
    public void warn(String message) {
        write("WARN", message);
    }

    @Override
    public void error(String message) {
        write("ERROR", message);
    }

    /**
     * A line the store cannot take (it is briefly unreachable) is lost from the stored log but not from
     * Ferry's own log, and never fails the task: callers such as a shell task's output reader must keep going.
     */
    private void write(String level, String text) {
        String message = secrets.mask().apply(text);
        try {
            store.append(runId, taskId, tryNumber, clock.instant(), level, message);
        } catch (RuntimeException e) {
            LOG.warn("{} {} try {}: could not store log line ({}): {}", runId, taskId, tryNumber, e.getMessage(),
                    message);
        }
        LOG.debug("{} {} try {}: {}", runId, taskId, tryNumber, message);
        echo.accept(taskId + " [" + level + "] " + message);
    }
}
