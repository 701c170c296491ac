package dev.ferry.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4));

    private static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Transient(String message) {
            super(message);
        }
    }

    @Test
    void retriesTransientFailuresUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        String result = FAST.call("insert", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new Transient("connection reset");
            }
            return "ok";
        }, e -> e instanceof Transient);
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void neverRetriesWhatTheClassifierCallsFatal() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FAST.run("insert", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("cannot parse input");
        }, e -> e instanceof Transient)).hasMessage("cannot parse input");
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> FAST.run("insert", () -> {
            throw new Transient("down " + calls.incrementAndGet());
        }, e -> true)).hasMessage("down 4");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            assertThat(policy.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(policy.backoff(3).toMillis()).isBetween(200L, 400L);
            assertThat(policy.backoff(9).toMillis()).isBetween(500L, 1000L);
        }
    }
}
