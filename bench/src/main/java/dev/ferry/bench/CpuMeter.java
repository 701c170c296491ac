package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent during a run by the client side (the processes the bench started: Ferry's JVM, psql,
 * clickhouse-client), by the source server and by ClickHouse, from Linux's /proc. On 2 cores this shows
 * who the bottleneck is: a sum near 2 × elapsed means the machine was saturated.
 */
final class CpuMeter {

    /** CPU seconds per party over one run. */
    record Cpu(double client, double source, double clickhouse) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f/%.1f/%.1f", client, source, clickhouse);
        }
    }

    private final long sourcePid;
    private final long clickhousePid;
    private final double[] start;

    private CpuMeter(long sourcePid, long clickhousePid) {
        this.sourcePid = sourcePid;
        this.clickhousePid = clickhousePid;
        this.start = now();
    }

    static CpuMeter start(Servers servers, String source) {
        long sourcePid = (source.equals("postgres") ? servers.postgres() : servers.mariadb()).pid();
        return new CpuMeter(sourcePid, servers.clickhouse().pid());
    }

    Cpu stop() {
        double[] end = now();
        return new Cpu(end[0] - start[0], end[1] - start[1], end[2] - start[2]);
    }

    /**
     * Children's CPU counts once they have exited and been waited for: the bench waits for its commands,
     * and the postmaster reaps a backend as soon as its connection closes, so both are in by the end.
     */
    private double[] now() {
        return new double[] {seconds(ProcessHandle.current().pid(), true), seconds(sourcePid, false) + seconds(
                sourcePid, true), seconds(clickhousePid, false)};
    }

    /** utime + stime, or with {@code children} cutime + cstime, from /proc/PID/stat (in clock ticks of 1/100 s). */
    private static double seconds(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of stat(5)), so utime (field 14) is fields[11]
            int first = children ? 13 : 11;
            return (Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // not Linux, or the process is gone: the figure shows as NaN, the run goes on
        }
    }
}
