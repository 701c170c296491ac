package dev.ferry.orchestrator.run;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How one scheduler process behaves.
 *
 * @param worker          this process's name in the store (host, pid and a random part)
 * @param concurrency     attempts run at once by this process
 * @param pollInterval    how often the store is checked for work others created
 * @param heartbeatEvery  how often this process marks its running tasks alive
 * @param zombieAfter     a running task whose worker was silent this long is taken as lost (its process died)
 *                        and failed, so it can be retried elsewhere
 * @param createScheduled false for processes that only execute runs triggered by hand ({@code ferry dags test})
 */
public record SchedulerSettings(String worker, int concurrency, Duration pollInterval, Duration heartbeatEvery,
                                Duration zombieAfter, boolean createScheduled) {

    public SchedulerSettings {
        Objects.requireNonNull(worker, "worker");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
        Objects.requireNonNull(zombieAfter, "zombieAfter");
    }

    public static SchedulerSettings defaults(int concurrency, Duration pollInterval) {
        return new SchedulerSettings(workerName(), concurrency, pollInterval, Duration.ofSeconds(5),
                Duration.ofSeconds(60), true);
    }

    /** Heartbeats come several times within {@code lostAfter}, so one slow tick does not make a task "lost". */
    public static SchedulerSettings of(dev.ferry.core.config.OrchestratorConfig config, int concurrency) {
        Duration heartbeat = config.lostAfter().dividedBy(6);
        return new SchedulerSettings(workerName(), concurrency, config.pollInterval(),
                heartbeat.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : heartbeat,
                config.lostAfter(), true);
    }

    public SchedulerSettings withZombieAfter(Duration after, Duration heartbeat) {
        return new SchedulerSettings(worker, concurrency, pollInterval, heartbeat, after, createScheduled);
    }

    public SchedulerSettings executeOnly() {
        return new SchedulerSettings(worker, concurrency, pollInterval, heartbeatEvery, zombieAfter, false);
    }

    static String workerName() {
        return hostName() + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This machine's name, cut to what the store's host and worker columns hold (with pid and suffix). */
    static String hostName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host.length() > 120 ? host.substring(0, 120) : host;
    }
}
