package dev.ferry.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.orchestrator.store.TaskState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler on the embedded store, with probe tasks whose attempts are written down. */
class SchedulerTest {

    @TempDir
    Path dir;

    private Harness harness(int concurrency) {
        return new Harness(dir, MetadataStore.embedded(dir.resolve("store")), new ProbeTask(), Clock.systemUTC(),
                Harness.fastSettings(concurrency));
    }

    @Test
    void fanOutAndFanInRunInDependencyOrderWithIndependentTasksInParallel() throws Exception {
        try (Harness h = harness(3)) {
            h.writeDag("fan", """
                    id: fan
                    tasks:
                      - {id: start, type: probe, sleep: 100ms}
                      - {id: left, type: probe, sleep: 600ms, depends_on: start}
                      - {id: middle, type: probe, sleep: 600ms, depends_on: start}
                      - {id: right, type: probe, sleep: 600ms, depends_on: start}
                      - {id: join, type: probe, depends_on: [left, middle, right]}
                    """);
            h.startLoop();
            DagRun run = h.await(h.trigger("fan", Map.of()).runId(), Duration.ofSeconds(30));

            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
            ProbeTask.Attempt start = h.probe.of("start").get(0);
            List<ProbeTask.Attempt> branches = List.of(h.probe.of("left").get(0), h.probe.of("middle").get(0),
                    h.probe.of("right").get(0));
            ProbeTask.Attempt join = h.probe.of("join").get(0);
            for (ProbeTask.Attempt branch : branches) {
                assertThat(branch.start()).isAfterOrEqualTo(start.end());
                assertThat(join.start()).isAfterOrEqualTo(branch.end());
            }
            // the three branches overlapped: each started before any other ended
            Instant firstEnd = branches.stream().map(ProbeTask.Attempt::end).min(Instant::compareTo).orElseThrow();
            assertThat(branches).allSatisfy(branch -> assertThat(branch.start()).isBefore(firstEnd));
            assertThat(h.states(run.runId())).containsOnly(Map.entry("start", TaskState.SUCCESS),
                    Map.entry("left", TaskState.SUCCESS), Map.entry("middle", TaskState.SUCCESS),
                    Map.entry("right", TaskState.SUCCESS), Map.entry("join", TaskState.SUCCESS));
        }
    }

    @Test
    void concurrencyLimitIsKept() throws Exception {
        try (Harness h = harness(2)) {
            h.writeDag("wide", """
                    id: wide
                    tasks:
                      - {id: a, type: probe, sleep: 300ms}
                      - {id: b, type: probe, sleep: 300ms}
                      - {id: c, type: probe, sleep: 300ms}
                      - {id: d, type: probe, sleep: 300ms}
                    """);
            h.startLoop();
            assertThat(h.await(h.trigger("wide", Map.of()).runId(), Duration.ofSeconds(30)).state())
                    .isEqualTo(RunState.SUCCESS);
            List<ProbeTask.Attempt> all = h.probe.attempts;
            for (ProbeTask.Attempt attempt : all) {
                long overlapping = all.stream().filter(other -> other.start().isBefore(attempt.end())
                        && other.end().isAfter(attempt.start())).count();
                assertThat(overlapping).as("attempts running beside %s, itself included", attempt.taskId())
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void failingTaskRetriesWithGrowingDelayThenFailsTheRunAndDownstreamIsUpstreamFailed() throws Exception {
        try (Harness h = harness(2)) {
            h.writeDag("flaky", """
                    id: flaky
                    defaults: {retries: 2, retry_delay: 200ms}
                    tasks:
                      - {id: load, type: probe, fail_times: 5}
                      - {id: report, type: probe, depends_on: load}
                      - {id: publish, type: probe, depends_on: report}
                      - {id: cleanup, type: probe, depends_on: load, trigger_rule: all_done}
                    """);
            h.startLoop();
            DagRun run = h.await(h.trigger("flaky", Map.of()).runId(), Duration.ofSeconds(30));

            assertThat(run.state()).isEqualTo(RunState.FAILED);
            List<ProbeTask.Attempt> loads = h.probe.of("load");
            assertThat(loads).extracting(ProbeTask.Attempt::tryNumber).containsExactly(1, 2, 3);
            // exponential backoff: 200 ms, then 400 ms
            assertThat(Duration.between(loads.get(0).end(), loads.get(1).start())).isGreaterThanOrEqualTo(
                    Duration.ofMillis(200));
            assertThat(Duration.between(loads.get(1).end(), loads.get(2).start())).isGreaterThanOrEqualTo(
                    Duration.ofMillis(400));
            assertThat(h.states(run.runId())).containsEntry("load", TaskState.FAILED)
                    .containsEntry("report", TaskState.UPSTREAM_FAILED)
                    .containsEntry("publish", TaskState.UPSTREAM_FAILED)
                    .containsEntry("cleanup", TaskState.SUCCESS);
            assertThat(h.probe.of("report")).isEmpty();
            assertThat(h.runs.attempts(run.runId(), "load")).extracting(RunStore.Attempt::state)
                    .containsExactly(TaskState.FAILED, TaskState.FAILED, TaskState.FAILED);
            assertThat(h.runs.task(run.runId(), "load").orElseThrow().error()).contains("probe failure on try 3");
        }
    }

    @Test
    void retryThatSucceedsLetsTheRunSucceedAndHandsItsOutputDownstream() throws Exception {
        try (Harness h = harness(2)) {
            h.writeDag("recovers", """
                    id: recovers
                    params: {label: first}
                    tasks:
                      - {id: load, type: probe, fail_times: 1, retries: 1, retry_delay: 0s}
                      - {id: after, type: probe, depends_on: load}
                    """);
            h.startLoop();
            DagRun run = h.await(h.trigger("recovers", Map.of("label", "override")).runId(), Duration.ofSeconds(30));
            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
            assertThat(h.runs.task(run.runId(), "load").orElseThrow().output().orElseThrow())
                    .contains("\"try\":2").contains("\"seen\":\"override\"");
        }
    }

    @Test
    void timeoutStopsTheAttemptAndCountsAsAFailure() throws Exception {
        try (Harness h = harness(2)) {
            h.writeDag("slow", """
                    id: slow
                    tasks:
                      - {id: hang, type: probe, sleep: 60s, timeout: 300ms, retries: 1, retry_delay: 0s}
                    """);
            h.startLoop();
            long started = System.nanoTime();
            DagRun run = h.await(h.trigger("slow", Map.of()).runId(), Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(h.probe.of("hang")).extracting(ProbeTask.Attempt::outcome)
                    .containsExactly("interrupted", "interrupted");
            assertThat(h.runs.task(run.runId(), "hang").orElseThrow().error().orElseThrow())
                    .startsWith("timed out after 300ms");
            assertThat(new LogStore(h.store).lines(run.runId(), "hang", 0)).anySatisfy(line ->
                    assertThat(line.message()).startsWith("timed out after 300ms"));
        }
    }

    @Test
    void cancellingARunStopsItsRunningTaskAndCancelsTheRest() throws Exception {
        try (Harness h = harness(2)) {
            h.writeDag("long", """
                    id: long
                    tasks:
                      - {id: busy, type: probe, sleep: 60s}
                      - {id: next, type: probe, depends_on: busy}
                    """);
            h.startLoop();
            DagRun run = h.trigger("long", Map.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (h.states(run.runId()).get("busy") != TaskState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(h.runs.requestCancel(run.runId())).isTrue();
            h.scheduler.wake();
            DagRun ended = h.await(run.runId(), Duration.ofSeconds(20));

            assertThat(ended.state()).isEqualTo(RunState.CANCELLED);
            assertThat(h.states(run.runId())).containsEntry("busy", TaskState.CANCELLED)
                    .containsEntry("next", TaskState.CANCELLED);
            assertThat(h.probe.of("busy")).extracting(ProbeTask.Attempt::outcome).containsExactly("interrupted");
            assertThat(h.probe.of("next")).isEmpty();
        }
    }

    @Test
    void runHistoryAndLogsSurviveARestart() throws Exception {
        String runId;
        try (Harness h = harness(1)) {
            h.writeDag("kept", """
                    id: kept
                    tasks:
                      - {id: only, type: probe, fail_times: 1, retries: 1, retry_delay: 0s}
                    """);
            h.startLoop();
            runId = h.await(h.trigger("kept", Map.of()).runId(), Duration.ofSeconds(30)).runId();
            h.store.close();
        }
        try (MetadataStore reopened = MetadataStore.embedded(dir.resolve("store"))) {
            RunStore runs = new RunStore(reopened);
            assertThat(runs.runs("kept", 10)).extracting(DagRun::runId, DagRun::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(runId, RunState.SUCCESS));
            assertThat(runs.attempts(runId, "only")).extracting(RunStore.Attempt::state)
                    .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            List<LogStore.LogLine> lines = new LogStore(reopened).lines(runId, "only", 0);
            assertThat(lines).extracting(LogStore.LogLine::message)
                    .contains("probe only try 1", "probe failure on try 1", "probe only try 2");
            assertThat(new LogStore(reopened).lines(runId, "only", 2)).extracting(LogStore.LogLine::tryNumber)
                    .containsOnly(2);
        }
    }

    @Test
    void anErrorInsideATaskFailsItInsteadOfPassingAsSuccess() throws Exception {
        try (Harness h = harness(1)) {
            h.writeDag("broken", """
                    id: broken
                    tasks:
                      - {id: boom, type: probe, error: true}
                      - {id: after, type: probe, depends_on: boom}
                    """);
            h.startLoop();
            DagRun run = h.await(h.trigger("broken", Map.of()).runId(), Duration.ofSeconds(30));
            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(h.runs.task(run.runId(), "boom").orElseThrow().error()).hasValue("AssertionError: probe error");
            assertThat(h.states(run.runId())).containsEntry("after", TaskState.UPSTREAM_FAILED);
        }
    }

    @Test
    void anAttemptWhoseRowWasTakenOverIsStoppedSoTheTaskNeverRunsTwiceAtOnce() throws Exception {
        SchedulerSettings settings = Harness.fastSettings(1).withZombieAfter(Duration.ofSeconds(30),
                Duration.ofMillis(100));
        try (Harness h = new Harness(dir, MetadataStore.embedded(dir.resolve("store")), new ProbeTask(),
                Clock.systemUTC(), settings)) {
            h.writeDag("long", """
                    id: long
                    tasks:
                      - {id: busy, type: probe, sleep: 60s}
                    """);
            h.startLoop();
            DagRun run = h.trigger("long", Map.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (h.states(run.runId()).get("busy") != TaskState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // what another scheduler does when it takes the task as lost and runs it itself
            try (var connection = h.store.dataSource().getConnection()) {
                connection.createStatement().executeUpdate("UPDATE task_instance SET worker = 'elsewhere'"
                        + " WHERE task_id = 'busy'");
            }
            while (h.probe.of("busy").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(h.probe.of("busy")).extracting(ProbeTask.Attempt::outcome).containsExactly("interrupted");
            assertThat(h.runs.task(run.runId(), "busy").orElseThrow().worker()).hasValue("elsewhere");
            assertThat(h.states(run.runId())).containsEntry("busy", TaskState.RUNNING);
        }
    }
}
