package dev.ferry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, for the long-running commands ({@code ferry stream},
 * {@code ferry cdc}, {@code ferry scheduler}). The JVM's own handling runs shutdown hooks and then exits with
 * 128 + the signal (143, 130) even when everything stopped cleanly, which service managers and schedulers
 * report as a failure; with this the command stops its work on its own thread and exits 0. A second signal
 * gets the JVM's handling again, so a stop that hangs can still be cut short.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way the JDK offers to handle a signal.
 */
public final class StopSignal implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private StopSignal() {
    }

    /** Starts taking SIGTERM and SIGINT as a stop request. */
    public static StopSignal install() {
        StopSignal stop = new StopSignal();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            stop.previous.add(Signal.handle(signal, stop::onSignal));
            stop.installed.add(signal);
        }
        return stop;
    }

    private void onSignal(Signal signal) {
        received = "SIG" + signal.getName();
        restore(); // the next one stops the JVM the usual way
        requested.countDown();
    }

    /** Waits up to {@code timeout} for a stop request; true when one came. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return requested.await(timeout, unit);
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** The signal that asked to stop ({@code SIGTERM}, {@code SIGINT}), or null. */
    public String received() {
        return received;
    }

    private synchronized void restore() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
        installed.clear();
        previous.clear();
    }

    @Override
    public void close() {
        restore();
    }
}
