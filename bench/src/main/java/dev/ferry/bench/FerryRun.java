package dev.ferry.bench;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncOptions;
import dev.ferry.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main of the Ferry JVM under test (started with {@code -Xmx512m}): one full snapshot of one pipeline
 * through {@link PipelineSync}, the same engine {@code ferry sync} runs, then one {@code RESULT} line.
 * Running it in a JVM of its own keeps the bench's own heap out of the figure.
 */
public final class FerryRun {

    static final String RESULT = "RESULT ";

    private FerryRun() {
    }

    public static void main(String[] args) throws IOException {
        HeapPeak heap = new HeapPeak();
        FerryConfig config = ConfigLoader.load(Path.of(args[0]));
        long start = System.nanoTime();
        SyncReport report = new PipelineSync(config, config.requirePipeline(args[1]))
                .run(new SyncOptions(null, true), SyncListener.NONE);
        long elapsedNanos = System.nanoTime() - start;
        System.out.println(RESULT + report.rows() + " " + report.deadLetters() + " " + elapsedNanos + " "
                + heap.peakBytes() + " " + peakRss());
    }

    /** Peak resident set of this JVM (heap, metaspace, threads, direct buffers) from Linux's VmHWM, in bytes. */
    private static long peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
