package dev.ferry.orchestrator.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One task of one run as stored.
 *
 * @param tryNumber attempts started so far
 * @param maxTries  retries + 1
 * @param worker    the scheduler process running (or last running) it
 * @param output    JSON object the task returned, empty until it succeeded
 */
public record TaskInstance(String runId, String taskId, String dagId, TaskState state, int tryNumber, int maxTries,
                           Optional<Instant> nextTryAt, Optional<String> worker, Optional<Instant> heartbeatAt,
                           Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<String> output,
                           Optional<String> error) {
}
