package dev.ferry.orchestrator.dag;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed task is tried again and how long Ferry waits in between.
 *
 * @param retries     attempts after the first; 0 fails at the first error
 * @param delay       the wait before the first retry
 * @param exponential whether each further wait doubles (capped at {@code maxDelay})
 */
public record TaskRetry(int retries, Duration delay, boolean exponential, Duration maxDelay) {

    public static final TaskRetry NONE = new TaskRetry(0, Duration.ofSeconds(30), true, Duration.ofMinutes(30));

    public TaskRetry {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** The wait after attempt {@code tryNumber} (1-based) failed. */
    public Duration delayAfter(int tryNumber) {
        if (!exponential) {
            return delay;
        }
        Duration wait = delay;
        for (int i = 1; i < tryNumber && wait.compareTo(maxDelay) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }
}
