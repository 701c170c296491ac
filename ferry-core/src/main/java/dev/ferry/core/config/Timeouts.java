package dev.ferry.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Ferry waits on a connection's server, from the connection's {@code timeouts} (see
 * docs/connections.md, "Timeouts"). A statement is never cut short for being slow: big inserts, OPTIMIZE
 * FINAL, mutations and validation queries may be silent for a long time while the server works. What
 * ends a call is a server that does not answer at all: not a new connection ({@code connect}), and not
 * a liveness check ({@code probe}) that Ferry makes each time a call has waited {@code idle}.
 *
 * @param connect opening a connection: TCP, TLS and, for PostgreSQL and MySQL/MariaDB, the login
 * @param idle    after this long without the answer to a call, and then every {@code idle} again, Ferry says
 *                on the terminal what it is waiting for and since when, and checks that the server lives
 * @param probe   how long that check may take; a server that does not answer it is taken as hung and the
 *                call fails as a network failure (retried like one)
 */
public record Timeouts(Duration connect, Duration idle, Duration probe) {

    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(probe, "probe");
    }
}
