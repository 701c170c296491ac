package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.run.RunFactory;
import dev.ferry.orchestrator.run.Scheduler;
import dev.ferry.orchestrator.run.SchedulerListener;
import dev.ferry.orchestrator.run.SchedulerSettings;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.orchestrator.store.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry dags test}: runs a whole DAG here and now, without a scheduler, as Airflow's command of that
 * name does. The run lives in a scratch store in memory, so testing leaves no history behind.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a DAG once, here and now (no scheduler needed), printing task logs. Exit 0 only if "
                + "every task succeeded. Nothing is recorded in the run history.")
public final class DagsTestCommand implements Callable<Integer> {

    /** The test waits for its run however long it takes (tasks have their own timeouts); a year stands for that. */
    private static final Duration AS_LONG_AS_IT_RUNS = Duration.ofDays(365);

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Run parameter, overriding the DAG's default.")
    List<String> params;

    @Option(names = "--quiet", description = "Print task state changes only, not the task logs.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        try (Orchestrator orchestrator = options.open()) {
            Dag dag = orchestrator.dag(dagId);
            return runHere(orchestrator, dag, Params.parse(params), Optional.empty(), quiet);
        }
    }

    /**
     * Runs {@code dag} in a scratch store; with {@code onlyTask}, every other task is skipped and the task
     * runs once (no retries), as {@code ferry tasks test} wants.
     */
    static int runHere(Orchestrator orchestrator, Dag dag, java.util.Map<String, Object> params,
                       Optional<String> onlyTask, boolean quiet) throws InterruptedException {
        try (MetadataStore scratch = MetadataStore.inMemory("test-" + UUID.randomUUID())) {
            RunStore runs = new RunStore(scratch);
            DagRun run = new RunFactory(runs).manual(dag, params, Instant.now());
            if (onlyTask.isPresent()) {
                runs.tasks(run.runId()).stream().filter(task -> !task.taskId().equals(onlyTask.get()))
                        .forEach(task -> runs.transition(run.runId(), task.taskId(), TaskState.PENDING,
                                TaskState.SKIPPED, Instant.now()));
                runs.limitTries(run.runId(), onlyTask.get(), 1);
            }
            SchedulerListener listener = new SchedulerListener() {
                @Override
                public void taskChanged(String runId, String taskId, TaskState state, int tryNumber,
                                        Optional<String> error) {
                    if (state != TaskState.SKIPPED || onlyTask.isEmpty()) {
                        System.out.println("[" + taskId + "] " + state.label()
                                + error.map(e -> ": " + RunPrinter.firstLine(e)).orElse(""));
                    }
                }
            };
            SchedulerSettings settings = SchedulerSettings.defaults(orchestrator.config().orchestrator().concurrency(),
                    Duration.ofMillis(200));
            try (Scheduler scheduler = Orchestrator.isolated(orchestrator, scratch, settings, listener,
                    quiet ? line -> { } : line -> System.out.println("  " + line))) {
                Thread loop = Thread.ofPlatform().name("ferry-dags-test").daemon().start(scheduler::runLoop);
                DagRun ended = runs.awaitFinished(run.runId(), AS_LONG_AS_IT_RUNS, Duration.ofMillis(100))
                        .orElseThrow();
                scheduler.close();
                loop.join(5_000);
                RunPrinter.print(System.out, ended, Optional.of(dag), runs.tasks(run.runId()));
                return ended.state() == RunState.SUCCESS ? 0 : 1;
            }
        }
    }
}
