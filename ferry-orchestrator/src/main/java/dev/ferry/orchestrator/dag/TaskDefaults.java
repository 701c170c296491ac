package dev.ferry.orchestrator.dag;

import dev.ferry.core.config.YamlMap;
import java.time.Duration;

/** Retry and timeout settings: built-in, overridden by a DAG's {@code defaults}, overridden per task. */
record TaskDefaults(TaskRetry retry, Duration timeout) {

    static final TaskDefaults BUILT_IN = new TaskDefaults(TaskRetry.NONE, DagParser.DEFAULT_TIMEOUT);

    static TaskDefaults read(YamlMap map, TaskDefaults inherited) {
        TaskRetry base = inherited.retry();
        TaskRetry retry = new TaskRetry(
                map.integer("retries", base.retries(), 0, 100),
                orElse(map.duration("retry_delay", base.delay(), true), base.delay()),
                map.bool("retry_exponential", base.exponential()),
                orElse(map.duration("max_retry_delay", base.maxDelay(), false), base.maxDelay()));
        Duration timeout = orElse(map.duration("timeout", inherited.timeout(), false), inherited.timeout());
        return new TaskDefaults(retry, timeout);
    }

    /** The getters return null after reporting a bad value. */
    private static Duration orElse(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
