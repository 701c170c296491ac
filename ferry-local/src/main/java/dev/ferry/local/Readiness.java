package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Waits for a freshly started server to answer, and turns an early death into a one-line reason. */
final class Readiness {

    private Readiness() {
    }

    /**
     * @param alive        whether the server process is still running
     * @param answers      the readiness probe
     * @param log          server log to search for the reason of a failure
     * @param errorPattern what a meaningful error line looks like in that log
     */
    static void await(String service, BooleanSupplier alive, BooleanSupplier answers, Duration timeout, Path log,
            Pattern errorPattern) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers.getAsBoolean()) {
                return;
            }
            if (!alive.getAsBoolean()) {
                // give the server a moment to flush its last log line
                Processes.sleep(Duration.ofMillis(200));
                throw new FerryException(service + " failed to start: " + reason(log, errorPattern)
                        + " (log: " + log + ")");
            }
            Processes.sleep(Duration.ofMillis(250));
        }
        throw new FerryException(service + " did not answer within " + timeout.toSeconds() + "s: "
                + reason(log, errorPattern) + " (log: " + log + ")");
    }

    static String reason(Path log, Pattern errorPattern) {
        return LogTail.lastMatch(log, errorPattern).orElse("no error in the log");
    }
}
