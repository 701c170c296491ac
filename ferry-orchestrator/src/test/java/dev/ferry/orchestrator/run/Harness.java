package dev.ferry.orchestrator.run;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.dag.DagFolder;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import dev.ferry.orchestrator.task.TaskTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A scheduler over a DAG folder and a store, with the probe task type, for scheduler tests. */
final class Harness implements AutoCloseable {

    final Path dags;
    final MetadataStore store;
    final ProbeTask probe;
    final DagFolder folder;
    final Scheduler scheduler;
    final RunStore runs;
    private Thread loop;

    Harness(Path dir, MetadataStore store, ProbeTask probe, Clock clock, SchedulerSettings settings) {
        this.dags = dir.resolve("dags");
        this.store = store;
        this.probe = probe;
        try {
            Files.createDirectories(dags);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TaskTypes types = new TaskTypes(List.of(probe));
        this.folder = new DagFolder(dags, new DagParser(types));
        this.scheduler = new Scheduler(settings, store, folder, new DagParser(types), types,
                new TaskEnvironment(java.util.Optional.empty(), name -> {
                    throw new FerryException("no connection " + name);
                }, dir), clock, SchedulerListener.NONE, line -> { });
        this.runs = new RunStore(store);
    }

    static SchedulerSettings fastSettings(int concurrency) {
        return SchedulerSettings.defaults(concurrency, Duration.ofMillis(50));
    }

    void writeDag(String name, String yaml) throws IOException {
        Files.writeString(dags.resolve(name + ".yaml"), yaml);
    }

    void startLoop() {
        loop = Thread.ofPlatform().name("test-scheduler").start(scheduler::runLoop);
    }

    DagRun trigger(String dagId, Map<String, Object> params) {
        return scheduler.trigger(folder.load().require(dagId), params);
    }

    /** Waits for the run to finish; the loop must be running. */
    DagRun await(String runId, Duration timeout) throws InterruptedException {
        return runs.awaitFinished(runId, timeout, Duration.ofMillis(20)).orElseThrow(() -> new AssertionError(
                "run " + runId + " did not finish in " + timeout + "; tasks: " + states(runId)));
    }

    Map<String, TaskState> states(String runId) {
        return runs.tasks(runId).stream().collect(Collectors.toMap(TaskInstance::taskId, TaskInstance::state));
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.close();
        if (loop != null) {
            loop.join(10_000);
        }
    }
}
