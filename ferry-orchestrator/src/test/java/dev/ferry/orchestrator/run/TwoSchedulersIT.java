package dev.ferry.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two schedulers on one PostgreSQL store, in one JVM: every task attempt runs in exactly one of them. */
@FerryIntegrationTest
class TwoSchedulersIT {

    @TempDir
    Path dir;

    private static MetadataStore postgresStore(TestDatabases db) {
        ServerEndpoint server = db.stack().postgres();
        ConnectionConfig connection = new ConnectionConfig("meta", ConnectionType.POSTGRES, server.host(),
                server.port(), db.postgres(), server.user(), Secret.literal(server.password()), null, Map.of());
        return MetadataStore.postgres(connection, "ferry_meta");
    }

    @Test
    void eachTaskRunsOnceAcrossTwoSchedulers(TestDatabases db) throws Exception {
        ProbeTask probe = new ProbeTask();
        StringBuilder tasks = new StringBuilder("id: wide\ntasks:\n");
        for (int i = 0; i < 40; i++) {
            tasks.append("  - {id: t").append(i).append(", type: probe, sleep: 30ms}\n");
        }
        try (Harness one = new Harness(dir, postgresStore(db), probe, Clock.systemUTC(), Harness.fastSettings(3));
             Harness two = new Harness(dir, postgresStore(db), probe, Clock.systemUTC(), Harness.fastSettings(3))) {
            one.writeDag("wide", tasks.toString());
            List<String> runIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runIds.add(one.trigger("wide", Map.of()).runId());
            }
            // max_active_runs 1 (the default): the runs go one after another
            one.startLoop();
            two.startLoop();
            for (String runId : runIds) {
                assertThat(one.await(runId, Duration.ofSeconds(120)).state()).isEqualTo(RunState.SUCCESS);
            }
            Map<String, Long> attemptsPerTask = probe.attempts.stream().collect(Collectors.groupingBy(
                    attempt -> attempt.runId() + "/" + attempt.taskId(), Collectors.counting()));
            assertThat(attemptsPerTask).hasSize(5 * 40);
            assertThat(attemptsPerTask.values()).containsOnly(1L);
            assertThat(workers(one.store)).as("both schedulers took work").isEqualTo(2);
            // max_active_runs 1 held across both schedulers: no two runs overlapped
            List<DagRun> done = one.runs.runs("wide", 10);
            for (DagRun a : done) {
                for (DagRun b : done) {
                    if (a != b) {
                        assertThat(a.endedAt().orElseThrow().isBefore(b.startedAt().orElseThrow())
                                || b.endedAt().orElseThrow().isBefore(a.startedAt().orElseThrow())
                                || a.endedAt().orElseThrow().equals(b.startedAt().orElseThrow())
                                || b.endedAt().orElseThrow().equals(a.startedAt().orElseThrow()))
                                .as("%s and %s overlap", a.runId(), b.runId()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void twoSchedulersTickingTheSameScheduleCreateEachRunOnce(TestDatabases db) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:30Z"));
        try (Harness one = new Harness(dir, postgresStore(db), new ProbeTask(), clock, Harness.fastSettings(2));
             Harness two = new Harness(dir, postgresStore(db), new ProbeTask(), clock, Harness.fastSettings(2))) {
            one.writeDag("minutely", """
                    id: minutely
                    schedule: "* * * * *"
                    max_active_runs: 100
                    tasks:
                      - {id: only, type: probe}
                    """);
            one.scheduler.tick();
            for (int minute = 0; minute < 20; minute++) {
                clock.advance(Duration.ofMinutes(1));
                CompletableFuture<Void> a = CompletableFuture.runAsync(one.scheduler::tick);
                CompletableFuture<Void> b = CompletableFuture.runAsync(two.scheduler::tick);
                a.get();
                b.get();
            }
            List<DagRun> runs = one.runs.runs("minutely", 100);
            assertThat(runs).hasSize(20);
            assertThat(runs.stream().map(DagRun::runId).distinct().count()).isEqualTo(20);
        }
    }

    private static int workers(MetadataStore store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT COUNT(DISTINCT worker) FROM task_attempt")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
