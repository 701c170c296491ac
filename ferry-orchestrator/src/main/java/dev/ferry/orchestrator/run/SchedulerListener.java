package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.TaskState;
import java.util.Optional;

/** What a scheduler reports as it works: for the console of {@code ferry scheduler}, tests and metrics. */
public interface SchedulerListener {

    SchedulerListener NONE = new SchedulerListener() {
    };

    default void runCreated(DagRun run) {
    }

    default void runFinished(DagRun run, RunState state) {
    }

    /** @param error why an attempt failed, when it did */
    default void taskChanged(String runId, String taskId, TaskState state, int tryNumber, Optional<String> error) {
    }
}
