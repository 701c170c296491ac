package dev.ferry.cli.cdc;

import dev.ferry.cdc.ChangeCounts;
import dev.ferry.cdc.SlotStatus;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The periodic one-line status of {@code ferry cdc} (and of the CDC demo). */
public final class CdcStatusLine {

    /** Tables named per problem in one line; the rest are summed up as "and N more". */
    private static final int TABLES_SHOWN = 5;

    private CdcStatusLine() {
    }

    /**
     * @param perSecond changes per second since the previous line
     * @param lagMillis lag of the last applied batch
     * @param p99Millis 99th percentile of the lag since the start
     * @param counts    per-table counts, for dead letters and ignored changes (shown only when there are any)
     * @param slot      the PostgreSQL slot, or null
     */
    public static String format(long applied, double perSecond, long lagMillis, long p99Millis, ChangeCounts counts,
            SlotStatus slot) {
        StringBuilder line = new StringBuilder(String.format("applied %,d changes (%,.0f/s), lag %s (p99 %s)",
                applied, perSecond, millis(lagMillis), millis(p99Millis)));
        if (counts != null && counts.deadLetters() > 0) {
            line.append(String.format(", DEAD LETTERS %,d (%s)", counts.deadLetters(),
                    perTable(counts, ChangeCounts.TableCounts::deadLetters)));
        }
        if (counts != null && counts.ignored() > 0) {
            line.append(String.format(", IGNORED %,d changes of tables the pipeline does not select (%s)",
                    counts.ignored(), perTable(counts, ChangeCounts.TableCounts::ignored)));
        }
        if (slot != null) {
            line.append(", slot ").append(slot.name()).append(slot.active() ? "" : " (inactive)").append(" retains ")
                    .append(bytes(slot.retainedBytes()));
        }
        return line.toString();
    }

    /** {@code shop.orders 3, shop.items 1}: the tables with a non-zero count, largest first. */
    static String perTable(ChangeCounts counts, ToLongFunction<ChangeCounts.TableCounts> count) {
        var nonZero = counts.table().entrySet().stream().filter(e -> count.applyAsLong(e.getValue()) > 0)
                .sorted((a, b) -> Long.compare(count.applyAsLong(b.getValue()), count.applyAsLong(a.getValue())))
                .toList();
        String shown = nonZero.stream().limit(TABLES_SHOWN)
                .map(e -> String.format("%s %,d", e.getKey(), count.applyAsLong(e.getValue())))
                .collect(Collectors.joining(", "));
        return nonZero.size() > TABLES_SHOWN ? shown + " and " + (nonZero.size() - TABLES_SHOWN) + " more tables" : shown;
    }

    /** The per-table lines printed when {@code ferry cdc} stops. */
    public static String summary(ChangeCounts counts, String deadLetterTable) {
        StringBuilder text = new StringBuilder(String.format("%-40s %14s %12s %10s%n", "TABLE", "CHANGES", "DEAD LETTERS",
                "TRUNCATES"));
        for (Map.Entry<String, ChangeCounts.TableCounts> e : counts.table().entrySet()) {
            ChangeCounts.TableCounts t = e.getValue();
            text.append(String.format("%-40s %,14d %,12d %,10d%s%n", e.getKey(), t.applied(), t.deadLetters(),
                    t.truncates(), t.ignored() > 0 ? String.format("  (%,d ignored: not selected)", t.ignored()) : ""));
        }
        if (counts.deadLetters() > 0) {
            text.append(String.format("%,d changes went to %s (see its error column)%n", counts.deadLetters(),
                    deadLetterTable));
        }
        return text.toString();
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
