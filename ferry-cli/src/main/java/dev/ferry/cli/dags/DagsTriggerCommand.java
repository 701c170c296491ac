package dev.ferry.cli.dags;

import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry dags trigger}: queues a manual run for the scheduler; {@code --wait} follows it to the end. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Queue a run of a DAG for the scheduler (ferry scheduler). With --wait, follow it and exit 0 "
                + "only if it succeeded.")
public final class DagsTriggerCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "DAG")
    String dagId;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Run parameter, overriding the DAG's default.")
    List<String> params;

    @Option(names = "--wait", description = "Wait for the run to finish, printing task states as they change.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "With --wait: give up waiting after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        try (Orchestrator orchestrator = options.open()) {
            DagRun run = orchestrator.trigger(dagId, Params.parse(params));
            System.out.println("queued run " + run.runId() + " of " + dagId);
            if (!wait) {
                return 0;
            }
            return follow(orchestrator, run.runId(), Duration.ofSeconds(timeoutSeconds));
        }
    }

    static int follow(Orchestrator orchestrator, String runId, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        Map<String, TaskState> seen = new HashMap<>();
        boolean warned = false;
        Instant warnAt = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            DagRun run = orchestrator.runs().run(runId).orElseThrow();
            List<TaskInstance> tasks = orchestrator.runs().tasks(runId);
            for (TaskInstance task : tasks) {
                if (seen.put(task.taskId(), task.state()) != task.state() && task.state() != TaskState.PENDING) {
                    System.out.println("  " + task.taskId() + ": " + task.state().label()
                            + task.error().map(error -> " — " + RunPrinter.firstLine(error)).orElse(""));
                }
            }
            if (run.state().finished()) {
                RunPrinter.print(System.out, run, orchestrator.dags().get(run.dagId()), tasks);
                return run.state() == dev.ferry.orchestrator.store.RunState.SUCCESS ? 0 : 1;
            }
            if (!warned && Instant.now().isAfter(warnAt)
                    && orchestrator.dagStates().liveSchedulers(Instant.now().minusSeconds(30)).isEmpty()) {
                System.out.println("  (no scheduler is running: start 'ferry scheduler', or run the DAG here with"
                        + " 'ferry dags test')");
                warned = true;
            }
            Thread.sleep(500);
        }
        System.out.println("gave up waiting after " + timeout.toSeconds() + "s; the run goes on: ferry dags state "
                + orchestrator.runs().run(runId).map(DagRun::dagId).orElse("?") + " " + runId);
        return 1;
    }
}
