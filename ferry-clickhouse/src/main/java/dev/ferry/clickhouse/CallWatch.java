package dev.ferry.clickhouse;

import dev.ferry.core.config.Timeouts;
import dev.ferry.core.http.ClickHouseHttp;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call to ClickHouse so that it cannot hang forever and never hangs silently. The call runs on a
 * virtual thread while the caller waits; each time it has waited {@code timeouts.idle} without the answer,
 * the terminal says what is waited for and since when, and a liveness check ({@code /ping} on a new
 * connection, {@code timeouts.probe} at most) asks whether the server still answers anything. A server
 * that does not is taken as hung: the call's thread is interrupted, which closes its socket (blocking
 * socket I/O on a virtual thread gives way to an interrupt), and the call fails as a retryable network
 * failure. A slow statement on a server that answers the check is left to finish, however long it takes:
 * the server's own limits ({@code max_execution_time}) are what bounds a statement.
 */
final class CallWatch {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ferry.waiting");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ClickHouseEndpoint endpoint;
    private final ClickHouseHttp probe;

    CallWatch(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.probe = new ClickHouseHttp(endpoint.url(), null, endpoint.user(), endpoint.password());
    }

    /**
     * Runs {@code call}; its own exceptions come out as thrown.
     *
     * @param what the statement, as the waiting message names it ({@code INSERT INTO `db`.`t`})
     */
    <T> T run(String what, Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread worker = Thread.ofVirtual().name("ferry-clickhouse-call").start(task);
        Timeouts timeouts = endpoint.timeouts();
        long started = System.nanoTime();
        LocalTime since = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get(timeouts.idle().toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // as before calls ran on their own thread: an interrupt does not cut a call short (a
                    // statement half-done is worse than one finished, and cleanup after a stop must still
                    // reach the server); the caller sees its interrupt again when the call is over
                    interrupted = true;
                } catch (TimeoutException stillWaiting) {
                    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    LOG.warn("waiting for {} to answer {} — since {} ({} s)", endpoint.describe(), what,
                            CLOCK.format(since), seconds);
                    if (!task.isDone() && !probe.answers(timeouts.probe())) {
                        worker.interrupt();
                        throw new ClickHouseException(endpoint.describe() + " has not answered " + what + " since "
                                + CLOCK.format(since) + " (" + seconds + " s) and did not answer a check within "
                                + timeouts.probe().toSeconds() + " s either: taken as hung (it accepts connections but"
                                + " does not answer; timeouts idle " + timeouts.idle().toSeconds() + " s and probe "
                                + timeouts.probe().toSeconds() + " s of the connection)", 0, true, null);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
