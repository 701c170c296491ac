package dev.ferry.orchestrator.task.types;

import java.util.List;
import java.util.Objects;

/**
 * A {@code type: sync} task as its DAG file declares it.
 *
 * @param pipeline a snapshot or incremental pipeline of the Ferry config
 * @param tables   only these source tables; empty means all of the pipeline's
 * @param full     reload from scratch instead of resuming a snapshot or continuing incrementally
 */
public record SyncSettings(String pipeline, List<String> tables, boolean full) {

    public SyncSettings {
        Objects.requireNonNull(pipeline, "pipeline");
        tables = List.copyOf(tables);
    }
}
