package dev.ferry.cli.demo;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.run.Scheduler;
import dev.ferry.orchestrator.run.SchedulerListener;
import dev.ferry.orchestrator.run.SchedulerSettings;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ferry demo --dags}: the shipped example DAGs (seeds 004 and 000) on the local stack. Each runs once
 * through the orchestrator and is recorded in the demo's metadata store, so {@code ferry dags runs} and
 * {@code ferry tasks logs} show them afterwards.
 */
final class DagsDemo {

    /** The examples that need only the local stack's databases, in the order they run. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);
    static final List<String> DAGS = List.of("hw16_data_loading_pipeline", "data_sync_dag", "mysql_to_clickhouse_etl");

    private final Path dir;

    DagsDemo(Path dir) {
        this.dir = dir;
    }

    /** @param configFile the demo config (connections legacy, warehouse; pipelines shop, legacy) */
    boolean run(Path configFile) throws InterruptedException, IOException {
        Path dags = ExampleDags.install(dir.resolve("dags"));
        // the source was just generated anew: sync from scratch rather than from an older run's cursors
        for (String pipeline : List.of("shop", "legacy")) {
            Files.deleteIfExists(dir.resolve("state").resolve(pipeline + ".json"));
        }
        System.out.println("4/5 example DAGs installed in " + dags);
        FerryConfig config = ConfigLoader.load(configFile);
        boolean allGreen = true;
        try (Orchestrator orchestrator = Orchestrator.open(config, System.getenv())) {
            var found = orchestrator.dags();
            if (!found.errors().isEmpty()) {
                found.errors().forEach(problem -> System.out.println("    " + problem));
                throw new FerryException("the example DAGs do not read; see above");
            }
            System.out.println("5/5 running them through the orchestrator (store: " + orchestrator.store() + ")");
            SchedulerSettings settings = SchedulerSettings.defaults(2, Duration.ofMillis(200)).executeOnly();
            try (Scheduler scheduler = orchestrator.scheduler(settings, new Progress(), line -> { })) {
                Thread loop = Thread.ofPlatform().name("ferry-demo-scheduler").daemon().start(scheduler::runLoop);
                for (String dagId : DAGS) {
                    DagRun run = orchestrator.trigger(dagId, Map.of());
                    System.out.println("    " + dagId + " (" + run.runId() + ")");
                    scheduler.wake();
                    DagRun ended = orchestrator.runs().awaitFinished(run.runId(), RUN_LIMIT, Duration.ofMillis(200))
                            .orElseThrow(() -> new FerryException("run " + run.runId() + " did not finish within "
                                    + RUN_LIMIT.toMinutes() + " minutes"));
                    print(orchestrator, ended);
                    allGreen &= ended.state() == RunState.SUCCESS;
                }
                scheduler.close();
                loop.join(10_000);
            }
        }
        System.out.println("Try: ferry dags list --config " + configFile);
        System.out.println("     ferry dags runs hw16_data_loading_pipeline --config " + configFile);
        System.out.println("     ferry tasks logs hw16_data_loading_pipeline category_stats --config " + configFile);
        System.out.println("     ferry scheduler --config " + configFile + "   (runs the scheduled ones on time)");
        return allGreen;
    }

    private static void print(Orchestrator orchestrator, DagRun run) {
        System.out.println("      -> " + run.state().label());
        if (run.state() != RunState.SUCCESS) {
            for (TaskInstance task : orchestrator.runs().tasks(run.runId())) {
                if (task.state() != TaskState.SUCCESS) {
                    System.out.println("         " + task.taskId() + ": " + task.state().label()
                            + task.error().map(error -> " — " + error).orElse(""));
                }
            }
        }
    }

    /** One line per finished task, indented under its DAG. */
    private static final class Progress implements SchedulerListener {
        @Override
        public void taskChanged(String runId, String taskId, TaskState state, int tryNumber, Optional<String> error) {
            if (state.finished() && state != TaskState.UPSTREAM_FAILED) {
                System.out.println("      " + taskId + ": " + state.label()
                        + error.map(e -> " — " + e.lines().findFirst().orElse(e)).orElse(""));
            }
        }
    }
}
