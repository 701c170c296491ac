package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.RunStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Creates runs of a DAG: manual ones with a fresh id, scheduled ones with an id their fire time decides. */
public final class RunFactory {

    private final RunStore runs;

    public RunFactory(RunStore runs) {
        this.runs = runs;
    }

    /** A run started by hand; {@code overrides} replace the DAG's param defaults. */
    public DagRun manual(Dag dag, Map<String, Object> overrides, Instant now) {
        String runId = DagRun.MANUAL + "__" + DateTimeFormatter.ISO_INSTANT.format(now) + "__"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        DagRun run = newRun(dag, runId, DagRun.MANUAL, now, overrides, now);
        runs.createRun(run, tasks(dag));
        return run;
    }

    /**
     * The run for one fire time of a schedule. Its id is the fire time, so when two schedulers both create
     * it only the first succeeds.
     *
     * @return empty when the run existed already
     */
    public Optional<DagRun> scheduled(Dag dag, Instant fireTime, Instant now) {
        String runId = DagRun.SCHEDULED + "__" + DateTimeFormatter.ISO_INSTANT.format(fireTime);
        DagRun run = newRun(dag, runId, DagRun.SCHEDULED, fireTime, Map.of(), now);
        return runs.createRun(run, tasks(dag)) ? Optional.of(run) : Optional.empty();
    }

    private static DagRun newRun(Dag dag, String runId, String type, Instant logicalDate, Map<String, Object> overrides,
                                 Instant now) {
        Map<String, Object> params = dag.paramSpecs().resolve(dag.id(), overrides);
        return new DagRun(runId, dag.id(), type, logicalDate, RunState.QUEUED, params, dag.source(),
                dag.file().toString(), false, now, Optional.empty(), Optional.empty());
    }

    private static java.util.List<RunStore.NewTask> tasks(Dag dag) {
        return dag.tasks().stream().map(task -> new RunStore.NewTask(task.id(), task.retry().retries() + 1)).toList();
    }
}
