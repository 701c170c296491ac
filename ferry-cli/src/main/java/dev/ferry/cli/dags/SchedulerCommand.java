package dev.ferry.cli.dags;

import dev.ferry.core.config.OrchestratorConfig;
import dev.ferry.orchestrator.Orchestrator;
import dev.ferry.orchestrator.run.Scheduler;
import dev.ferry.orchestrator.run.SchedulerListener;
import dev.ferry.orchestrator.run.SchedulerSettings;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.TaskState;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry scheduler}: one long-running process that schedules, executes and records. Several may run on
 * one PostgreSQL store; each task attempt runs in exactly one of them.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Run the orchestrator: create scheduled runs, execute tasks, retry, time out. Runs until "
                + "stopped (Ctrl-C or SIGTERM: running tasks are interrupted and run again later).")
public final class SchedulerCommand implements Callable<Integer> {

    @Mixin
    OrchestratorOptions options;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Tasks this process runs at once (default: orchestrator.concurrency of the config, else "
                    + OrchestratorConfig.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    @Override
    public Integer call() throws InterruptedException {
        try (Orchestrator orchestrator = options.open()) {
            OrchestratorConfig settings = orchestrator.config().orchestrator();
            SchedulerSettings schedulerSettings = SchedulerSettings.of(settings,
                    concurrency != null ? concurrency : settings.concurrency());
            var dags = orchestrator.dags();
            System.out.println("scheduler " + schedulerSettings.worker() + ": " + dags.dags().size() + " DAG(s) in "
                    + settings.dagsFolder() + ", store: " + orchestrator.store() + ", " + schedulerSettings.concurrency()
                    + " task slot(s)");
            if (!dags.errors().isEmpty()) {
                System.out.println(dags.errors().size() + " DAG import error(s); see ferry dags list-import-errors");
            }
            Scheduler scheduler = orchestrator.scheduler(schedulerSettings, new ConsoleListener(), line -> { });
            try (dev.ferry.cli.StopSignal stop = dev.ferry.cli.StopSignal.install()) {
                // SIGTERM/SIGINT end the loop at its next tick; the command then returns 0 (not 143/130)
                Thread stopper = Thread.ofVirtual().name("ferry-scheduler-stop").start(() -> {
                    try {
                        stop.await(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
                        System.out.println("stopping: interrupting running tasks");
                        scheduler.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the loop ended on its own
                    }
                });
                try {
                    scheduler.runLoop();
                } finally {
                    stopper.interrupt();
                    scheduler.close();
                }
            }
            return 0;
        }
    }

    /** One line per run and task state change, for people watching the console. */
    private static final class ConsoleListener implements SchedulerListener {
        @Override
        public void runCreated(DagRun run) {
            print("run " + run.runId() + " of " + run.dagId() + " queued");
        }

        @Override
        public void runFinished(DagRun run, RunState state) {
            print("run " + run.runId() + " of " + run.dagId() + " " + state.label());
        }

        @Override
        public void taskChanged(String runId, String taskId, TaskState state, int tryNumber, Optional<String> error) {
            if (state == TaskState.QUEUED || state == TaskState.PENDING) {
                return;
            }
            print(taskId + " (" + runId + ") " + state.label() + (tryNumber > 0 ? " try " + tryNumber : "")
                    + error.map(e -> ": " + RunPrinter.firstLine(e)).orElse(""));
        }

        private static void print(String line) {
            System.out.println(Times.at(Instant.now()) + " " + line);
        }
    }
}
