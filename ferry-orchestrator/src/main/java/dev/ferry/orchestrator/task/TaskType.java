package dev.ferry.orchestrator.task;

import dev.ferry.core.config.YamlMap;
import java.util.Map;
import java.util.Set;

/**
 * One kind of task (sql, shell, http, ...): reads its own fields of a DAG file once, when the file is
 * imported, and runs them for each attempt.
 *
 * @param <S> the task's settings as read from the DAG file; strings in it may hold {@code {{ ... }}}
 *            references, which {@link #run} renders through the context
 */
public interface TaskType<S> {

    /** The {@code type:} value in DAG files. */
    String name();

    /** The fields this type reads, besides the ones every task has (id, type, depends_on, retries, ...). */
    Set<String> fields();

    /**
     * Reads the type's fields of one task, reporting problems to the map's problem list (file and line come
     * with it). May return null when a problem was reported.
     */
    S parse(YamlMap task);

    /**
     * Runs one attempt. Throwing fails the attempt (the message becomes the task's error, so it must say
     * what to fix); the returned values are the task's output, which later tasks reference as
     * {@code {{ tasks.<id>.<key> }}}. Long work checks {@link TaskContext#cancelled()} or reacts to the
     * thread's interrupt, which is how timeouts and cancellation reach it.
     */
    Map<String, Object> run(S settings, TaskContext context) throws Exception;

    /**
     * The fields whose text becomes SQL or a shell command, and so where string params must be quoted; checked
     * when the DAG file is read (and again when rendered).
     */
    default Map<String, TemplateQuoting> quotedFields() {
        return Map.of();
    }
}
