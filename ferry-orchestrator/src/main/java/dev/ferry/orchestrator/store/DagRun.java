package dev.ferry.orchestrator.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a DAG as stored.
 *
 * @param runType    scheduled or manual
 * @param params     the run's parameters: the DAG's defaults overridden by the trigger's
 * @param dagSource  the DAG file's text when the run was created: the run executes that version
 */
public record DagRun(String runId, String dagId, String runType, Instant logicalDate, RunState state,
                     Map<String, Object> params, String dagSource, String dagFile, boolean cancelRequested,
                     Instant createdAt, Optional<Instant> startedAt, Optional<Instant> endedAt) {

    public static final String SCHEDULED = "scheduled";
    public static final String MANUAL = "manual";

    public DagRun {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
