package dev.ferry.cli.cdc;

import dev.ferry.cdc.SlotStatus;

/** The periodic one-line status of {@code ferry cdc} (and of the CDC demo). */
public final class CdcStatusLine {

    private CdcStatusLine() {
    }

    /**
     * @param perSecond changes per second since the previous line
     * @param lagMillis lag of the last applied batch
     * @param p99Millis 99th percentile of the lag since the start
     * @param slot      the PostgreSQL slot, or null
     */
    public static String format(long applied, double perSecond, long lagMillis, long p99Millis, SlotStatus slot) {
        StringBuilder line = new StringBuilder(String.format("applied %,d changes (%,.0f/s), lag %s (p99 %s)",
                applied, perSecond, millis(lagMillis), millis(p99Millis)));
        if (slot != null) {
            line.append(", slot ").append(slot.name()).append(slot.active() ? "" : " (inactive)").append(" retains ")
                    .append(bytes(slot.retainedBytes()));
        }
        return line.toString();
    }

    static String millis(long millis) {
        return millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }

    static String bytes(long bytes) {
        if (bytes < 1 << 20) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return bytes < 1L << 30 ? String.format("%.1f MiB", bytes / (double) (1 << 20))
                : String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
