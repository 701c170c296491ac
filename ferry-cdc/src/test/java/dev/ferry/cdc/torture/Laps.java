package dev.ferry.cdc.torture;

/** Where a test's time goes, printed with its result: keeps the suite's speed visible and tunable. */
final class Laps {

    private final StringBuilder text = new StringBuilder();
    private long start = System.nanoTime();

    void lap(String what) {
        long now = System.nanoTime();
        text.append(' ').append(what).append(' ').append((now - start) / 1_000_000).append(" ms,");
        start = now;
    }

    void print(String test) {
        System.err.println("[torture] " + test + ":" + text);
    }
}
