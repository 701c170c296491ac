package dev.ferry.orchestrator.store;

import java.util.Locale;

/**
 * Where a task of a run stands: pending (waiting for upstream tasks), queued (ready, waiting for a worker),
 * running, up_for_retry (failed, will run again after its delay), and the final states.
 */
public enum TaskState {
    PENDING, QUEUED, RUNNING, UP_FOR_RETRY, SUCCESS, FAILED, UPSTREAM_FAILED, SKIPPED, CANCELLED;

    public boolean finished() {
        return switch (this) {
            case SUCCESS, FAILED, UPSTREAM_FAILED, SKIPPED, CANCELLED -> true;
            default -> false;
        };
    }

    /** Counts as a good end for downstream tasks and for the run. */
    public boolean succeeded() {
        return this == SUCCESS || this == SKIPPED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
