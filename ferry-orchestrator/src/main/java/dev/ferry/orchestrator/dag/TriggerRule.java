package dev.ferry.orchestrator.dag;

/** When a task may start, given how the tasks it depends on ended. */
public enum TriggerRule {
    /** Every upstream task succeeded (the default); a failed one makes this task upstream_failed. */
    ALL_SUCCESS,
    /** Every upstream task ended, however: for clean-up and report tasks. */
    ALL_DONE
}
