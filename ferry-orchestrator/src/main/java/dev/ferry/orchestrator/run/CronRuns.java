package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.dag.CronSchedule;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.DagStateStore;
import dev.ferry.orchestrator.store.DagStateStore.DagState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the runs a cron schedule owes. Missed fire times are computed explicitly from the last one handled:
 * without catchup only the newest is run (a scheduler down for a night runs last night's job once, not ten
 * times); with catchup every missed one is, oldest first, up to a limit.
 */
public final class CronRuns {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CronRuns.class);

    /** More missed runs than this at once are a mistake (a minutely schedule with catchup after a long stop). */
    static final int CATCHUP_LIMIT = 1000;

    private final DagStateStore dagStates;
    private final RunFactory factory;

    CronRuns(DagStateStore dagStates, RunFactory factory) {
        this.dagStates = dagStates;
        this.factory = factory;
    }

    /** @return the runs this call created (none when another scheduler was quicker) */
    List<DagRun> createDue(Dag dag, Instant now) {
        Optional<CronSchedule> schedule = dag.schedule();
        Optional<DagState> state = dagStates.state(dag.id());
        if (schedule.isEmpty() || state.isEmpty() || state.get().paused()) {
            return List.of();
        }
        Instant after = state.get().lastFireAt().orElse(state.get().firstSeenAt());
        List<Instant> fires = schedule.get().firesBetween(after, now, dag.catchup() ? CATCHUP_LIMIT : 1);
        if (fires.isEmpty()) {
            return List.of();
        }
        if (dag.catchup() && fires.size() == CATCHUP_LIMIT) {
            LOG.warn("DAG {} missed {} or more intervals; the newest {} run, older ones are skipped", dag.id(),
                    CATCHUP_LIMIT, CATCHUP_LIMIT);
        }
        // run ids are the fire times, so a scheduler racing this one creates none of these twice; the runs
        // come before the mark, so a crash in between re-creates (as duplicates, refused) rather than skips
        List<DagRun> created = new ArrayList<>();
        for (Instant fire : fires) {
            factory.scheduled(dag, fire, now).ifPresent(created::add);
        }
        dagStates.advanceFire(dag.id(), state.get().lastFireAt(), fires.get(fires.size() - 1));
        return created;
    }

    /** Where a DAG seen for the first time starts counting fire times: its start_date with catchup, else now. */
    public static Instant baseline(Dag dag, Instant now) {
        return dag.catchup() && dag.startDate().isPresent() ? dag.startDate().get().minusMillis(1) : now;
    }

    /** When a scheduled DAG fires next, for listings; empty for manual or paused DAGs. */
    public static Optional<Instant> nextFire(Dag dag, Optional<DagState> state, Instant now) {
        if (dag.schedule().isEmpty() || state.map(DagState::paused).orElse(dag.pausedOnCreation())) {
            return Optional.empty();
        }
        Instant after = state.flatMap(DagState::lastFireAt).orElse(baseline(dag, now));
        return dag.schedule().get().next(after);
    }
}
