package dev.ferry.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the figures side by side; Ferry's rows/s is divided by the baseline's of the same source. */
final class ResultTable {

    private static final String FORMAT = "| %-8s | %-40s | %12s | %8s | %10s | %6s | %9s | %9s | %-14s | %-8s |%n";

    private ResultTable() {
    }

    static void print(PrintStream out, List<Result> results, SourceData.Sizes sizes) {
        out.println();
        out.printf(Locale.ROOT, FORMAT, "source", "contender", "rows", "elapsed", "rows/s", "MB/s", "peak heap",
                "peak RSS", "CPU s cli/src/CH", "ratio");
        out.println("|----------|------------------------------------------|--------------|----------|------------"
                + "|--------|-----------|-----------|------------------|----------|");
        for (Result r : results) {
            Result baseline = results.stream().filter(b -> b.baseline() && b.source().equals(r.source()))
                    .findFirst().orElse(null);
            String ratio = r.baseline() ? "baseline" : baseline == null ? "-"
                    : String.format(Locale.ROOT, "%.2f", r.rowsPerSecond() / baseline.rowsPerSecond());
            out.printf(Locale.ROOT, FORMAT, r.source(), r.contender(), String.format(Locale.ROOT, "%,d", r.targetRows()),
                    String.format(Locale.ROOT, "%.1f s", r.seconds()),
                    String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()),
                    String.format(Locale.ROOT, "%.1f", sizes.tsvBytes() / 1e6 / r.seconds()),
                    megabytes(r.peakHeap()), megabytes(r.peakRss()), r.cpu(), ratio);
        }
        out.println();
        out.printf(Locale.ROOT, "rows: %,d per source; MB/s = %.1f MB of TabSeparated text (psql COPY output) / elapsed;"
                        + " on disk: PostgreSQL %.1f MB, MariaDB %.1f MB%n", sizes.rows(), sizes.tsvBytes() / 1e6,
                sizes.postgresBytes() / 1e6, sizes.mariadbBytes() / 1e6);
        out.println("elapsed: wall time of each command; ratio: Ferry rows/s / baseline rows/s (same source);"
                + " CPU s: seconds of CPU used by client processes / source server / ClickHouse server");
        results.stream().filter(r -> r.note() != null).forEach(r -> out.println("note: " + r.contender() + " ("
                + r.source() + "): " + r.note()));
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%d MiB", Math.round(bytes / 1048576.0));
    }
}
