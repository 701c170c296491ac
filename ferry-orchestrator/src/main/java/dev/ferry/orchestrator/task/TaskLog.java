package dev.ferry.orchestrator.task;

/** Where a running task writes its log lines; they are kept per attempt in the metadata store. */
public interface TaskLog {

    void info(String message);

    void warn(String message);

    void error(String message);
}
