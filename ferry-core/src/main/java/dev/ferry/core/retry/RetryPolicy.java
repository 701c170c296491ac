package dev.ferry.core.retry;

import dev.ferry.core.FerryException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of Ferry: exponential backoff with jitter, retrying only what the caller's
 * classifier calls transient. Bad data and bad SQL fail on the first attempt.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** Backoff before attempt {@code attempt + 1}: random in [cap/2, cap], cap = min(max, initial * 2^(attempt-1)). */
    Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    public <T> T call(String what, Supplier<T> action, Predicate<RuntimeException> retryable) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !retryable.test(e)) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                LOG.warn("{} failed (attempt {}/{}), retrying in {} ms: {}", what, attempt, maxAttempts,
                        wait.toMillis(), e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new FerryException("interrupted while waiting to retry " + what, interrupted);
                }
            }
        }
    }

    public void run(String what, Runnable action, Predicate<RuntimeException> retryable) {
        call(what, () -> {
            action.run();
            return null;
        }, retryable);
    }
}
