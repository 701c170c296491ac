package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.store.DagStateStore.DagState;
import java.time.Instant;
import java.util.Optional;

/** When a scheduled DAG fires next, for listings. */
public final class CronRunsView {

    private CronRunsView() {
    }

    public static Optional<Instant> nextFire(Dag dag, Optional<DagState> state, Instant now) {
        if (dag.schedule().isEmpty() || state.map(DagState::paused).orElse(dag.pausedOnCreation())) {
            return Optional.empty();
        }
        Instant after = state.flatMap(DagState::lastFireAt).orElse(CronRuns.baseline(dag, now));
        return dag.schedule().get().next(after);
    }
}
