package dev.ferry.demo;

import java.util.function.LongConsumer;

/** Reports the running total of rows written, every few thousand rows rather than per row. */
final class Progress {

    private static final long EVERY = 10_000;

    private final LongConsumer listener;
    private long total;
    private long reported;

    Progress(LongConsumer listener) {
        this.listener = listener == null ? rows -> { } : listener;
    }

    void add(long rows) {
        total += rows;
        if (total - reported >= EVERY) {
            report();
        }
    }

    /** Reports the total now (at the end of a table), unless it was just reported. */
    void report() {
        if (total != reported) {
            reported = total;
            listener.accept(total);
        }
    }

    long total() {
        return total;
    }
}
