package dev.ferry.orchestrator.run;

import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A task type for testing the scheduler itself: it sleeps, fails its first attempts on request, and writes
 * down when each attempt started and ended.
 */
final class ProbeTask implements TaskType<ProbeTask.Settings> {

    record Settings(Duration sleep, int failTimes, boolean ignoreInterrupt, boolean error) {
    }

    record Attempt(String runId, String taskId, int tryNumber, Instant start, Instant end, String outcome) {
    }

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Set<String> fields() {
        return Set.of("sleep", "fail_times", "ignore_interrupt", "error");
    }

    @Override
    public Settings parse(YamlMap task) {
        return new Settings(task.duration("sleep", Duration.ZERO, true), task.integer("fail_times", 0, 0, 100),
                task.bool("ignore_interrupt", false), task.bool("error", false));
    }

    @Override
    public Map<String, Object> run(Settings settings, TaskContext context) throws Exception {
        Instant start = Instant.now();
        String outcome = "success";
        try {
            context.log().info("probe " + context.taskId() + " try " + context.tryNumber());
            sleep(settings);
            if (settings.error()) {
                outcome = "error";
                throw new AssertionError("probe error");
            }
            if (context.tryNumber() <= settings.failTimes()) {
                outcome = "failed";
                throw new TaskFailure("probe failure on try " + context.tryNumber());
            }
            boolean labelled = ((Map<?, ?>) context.values().get("params")).containsKey("label");
            return Map.of("task", context.taskId(), "try", context.tryNumber(),
                    "seen", labelled ? context.render("{{ params.label }}") : "");
        } catch (InterruptedException e) {
            outcome = "interrupted";
            throw e;
        } finally {
            attempts.add(new Attempt(context.runId(), context.taskId(), context.tryNumber(), start, Instant.now(),
                    outcome));
        }
    }

    private static void sleep(Settings settings) throws InterruptedException {
        long end = System.nanoTime() + settings.sleep().toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                if (!settings.ignoreInterrupt()) {
                    throw e;
                }
            }
        }
    }

    List<Attempt> of(String taskId) {
        return attempts.stream().filter(attempt -> attempt.taskId().equals(taskId)).toList();
    }
}
