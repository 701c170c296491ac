package dev.ferry.cdc;

/**
 * Source-commit-to-ClickHouse lag of applied changes, in 10 ms buckets up to 10 minutes; each batch adds
 * its change count at the lag of its oldest change (an upper bound for the others). Thread-safe.
 */
public final class LagHistogram {

    private static final int BUCKET_MS = 10;
    private final long[] counts = new long[60_000];
    private long total;

    synchronized void record(long lagMillis, long changes) {
        int bucket = (int) Math.min(counts.length - 1, Math.max(0, lagMillis) / BUCKET_MS);
        counts[bucket] += changes;
        total += changes;
    }

    /** Lag in milliseconds below which {@code fraction} of the recorded changes were applied; 0 when empty. */
    public synchronized long percentile(double fraction) {
        long wanted = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted && seen > 0) {
                return (long) (i + 1) * BUCKET_MS;
            }
        }
        return 0;
    }

    public synchronized long count() {
        return total;
    }

    public synchronized void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }
}
