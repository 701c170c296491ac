package dev.ferry.bench;

import java.time.Duration;

/**
 * One contender's run.
 *
 * @param elapsed    wall time of the whole command (process start included, for Ferry the JVM's too)
 * @param targetRows rows found in the ClickHouse target afterwards
 * @param peakHeap   peak Java heap in bytes, -1 when not a JVM
 * @param peakRss    peak resident memory in bytes, -1 when not measured
 * @param cpu        CPU seconds of client, source server and ClickHouse during the run
 * @param note       anything the figures need to be read with
 */
record Result(String source, String contender, boolean baseline, Duration elapsed, long targetRows, long peakHeap,
              long peakRss, CpuMeter.Cpu cpu, String note) {

    double rowsPerSecond() {
        return targetRows / seconds();
    }

    double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** The faster of two runs, keeping the larger memory peaks so no run's memory use is hidden. */
    Result best(Result other) {
        Result faster = other.elapsed.compareTo(elapsed) < 0 ? other : this;
        return new Result(source, contender, baseline, faster.elapsed, faster.targetRows,
                Math.max(peakHeap, other.peakHeap), Math.max(peakRss, other.peakRss), faster.cpu, faster.note);
    }
}
