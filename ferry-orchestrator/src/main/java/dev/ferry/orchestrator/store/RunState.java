package dev.ferry.orchestrator.store;

import java.util.Locale;

/** Where a DAG run stands. Queued runs wait for a free slot of their DAG's max_active_runs (or an unpause). */
public enum RunState {
    QUEUED, RUNNING, SUCCESS, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == CANCELLED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
