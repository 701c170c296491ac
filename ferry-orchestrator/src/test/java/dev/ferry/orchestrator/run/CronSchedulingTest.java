package dev.ferry.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.DagStateStore;
import dev.ferry.orchestrator.store.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron DAGs against a clock the test moves; the scheduler is ticked by hand, so nothing depends on timing. */
class CronSchedulingTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-03-10T09:58:00Z");

    private Harness harness(MutableClock clock) {
        return new Harness(dir, MetadataStore.embedded(dir.resolve("store")), new ProbeTask(), clock,
                Harness.fastSettings(2));
    }

    @Test
    void cronDagFiresAtEachFireTimeOnceAndNotBeforeIt() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Harness h = harness(clock)) {
            h.writeDag("hourly", """
                    id: hourly
                    schedule: "0 * * * *"
                    tasks:
                      - {id: only, type: probe}
                    """);
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).as("first seen at 09:58: nothing is due yet").isEmpty();

            clock.set(Instant.parse("2026-03-10T09:59:59Z"));
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).isEmpty();

            clock.set(Instant.parse("2026-03-10T10:00:00Z"));
            h.scheduler.tick();
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).extracting(DagRun::runId)
                    .containsExactly("scheduled__2026-03-10T10:00:00Z");
            assertThat(h.runs.runs("hourly", 10).get(0).logicalDate()).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));

            clock.set(Instant.parse("2026-03-10T11:00:01Z"));
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).extracting(DagRun::runId)
                    .containsExactly("scheduled__2026-03-10T11:00:00Z", "scheduled__2026-03-10T10:00:00Z");
        }
    }

    @Test
    void withoutCatchupASchedulerThatWasDownRunsOnlyTheNewestMissedInterval() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Harness h = harness(clock)) {
            h.writeDag("hourly", """
                    id: hourly
                    schedule: "@hourly"
                    tasks:
                      - {id: only, type: probe}
                    """);
            h.scheduler.tick();
            clock.advance(Duration.ofHours(5));
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).extracting(DagRun::runId)
                    .containsExactly("scheduled__2026-03-10T14:00:00Z");
        }
    }

    @Test
    void withCatchupEveryIntervalSinceStartDateRunsOldestFirst() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-04T01:00:00Z"));
        try (Harness h = harness(clock)) {
            h.writeDag("daily", """
                    id: daily
                    schedule: "0 0 * * *"
                    catchup: true
                    start_date: 2026-03-01
                    tasks:
                      - {id: only, type: probe}
                    """);
            h.scheduler.tick();
            List<DagRun> runs = h.runs.runs("daily", 10);
            assertThat(runs).extracting(DagRun::runId).containsExactlyInAnyOrder(
                    "scheduled__2026-03-01T00:00:00Z", "scheduled__2026-03-02T00:00:00Z",
                    "scheduled__2026-03-03T00:00:00Z", "scheduled__2026-03-04T00:00:00Z");
        }
    }

    @Test
    void pausedDagGetsNoScheduledRunsUntilUnpaused() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Harness h = harness(clock)) {
            h.writeDag("hourly", """
                    id: hourly
                    schedule: "@hourly"
                    tasks:
                      - {id: only, type: probe}
                    """);
            h.scheduler.tick();
            DagStateStore states = new DagStateStore(h.store);
            assertThat(states.setPaused("hourly", true)).isTrue();
            clock.advance(Duration.ofHours(1));
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).isEmpty();

            states.setPaused("hourly", false);
            h.scheduler.tick();
            assertThat(h.runs.runs("hourly", 10)).hasSize(1);
        }
    }

    @Test
    void timeZoneOfTheDagDecidesWhenItFires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T00:00:00Z"));
        try (Harness h = harness(clock)) {
            h.writeDag("moscow", """
                    id: moscow
                    schedule: "0 2 * * *"
                    timezone: Europe/Moscow
                    tasks:
                      - {id: only, type: probe}
                    """);
            h.scheduler.tick();
            clock.set(Instant.parse("2026-03-10T23:00:00Z"));
            h.scheduler.tick();
            // 02:00 in Moscow (UTC+3) is 23:00 UTC the day before
            assertThat(h.runs.runs("moscow", 10)).extracting(DagRun::runId)
                    .containsExactly("scheduled__2026-03-10T23:00:00Z");
        }
    }
}
