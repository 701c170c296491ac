package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ferry's snapshot of {@code events} from one source, in a JVM of its own capped at {@code -Xmx512m}, with a
 * config written like a user's ({@code ferry sync --config} would run the same pipeline).
 */
final class FerryContender {

    static final String HEAP_LIMIT = "-Xmx512m";

    /** What the Ferry JVM reported. */
    record Outcome(long rows, long deadLetters, Duration elapsed, Duration wall, long peakHeap, long peakRss) {
    }

    private final Servers servers;
    private final Path workDir;

    FerryContender(Servers servers, Path stateDir) {
        this.servers = servers;
        this.workDir = stateDir.resolve("ferry-bench");
    }

    /** Target database of the pipeline reading {@code source} ({@code postgres} or {@code mariadb}). */
    static String targetDatabase(String source) {
        return "bench_ferry_" + source;
    }

    Outcome run(String source, int parallelism, int chunkRows) {
        Path config = writeConfig(parallelism, chunkRows);
        List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP_LIMIT, "--enable-native-access=ALL-UNNAMED"));
        String extra = System.getenv().getOrDefault("FERRY_BENCH_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", ownJar(), FerryRun.class.getName(), config.toString(), source));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String line = stdout.lines().filter(l -> l.startsWith(FerryRun.RESULT)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the Ferry JVM failed (exit " + exit + "): " + stdout));
            long[] f = Arrays.stream(line.substring(FerryRun.RESULT.length()).split(" ")).mapToLong(Long::parseLong)
                    .toArray();
            return new Outcome(f[0], f[1], Duration.ofNanos(f[2]), wall, f[3], f[4]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Ferry JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Snapshot mode: every run is a full copy; the state dir only records chunk progress. */
    private Path writeConfig(int parallelism, int chunkRows) {
        String yaml = """
                state_dir: %1$s
                connections:
                  pg:    {type: postgres, host: %2$s, port: %3$d, database: %4$s, user: %5$s, password: "${file:%6$s}"}
                  maria: {type: mysql, host: %7$s, port: %8$d, database: %4$s, user: %9$s, password: "${file:%10$s}"}
                  ch:    {type: clickhouse, url: "http://%11$s:%12$d", database: default, user: %13$s, password: "${file:%14$s}"}
                pipelines:
                  - name: postgres
                    source: {connection: pg, tables: [public.%15$s]}
                    target: {connection: ch, database: %16$s}
                    mode: snapshot
                    parallelism: %18$d
                    chunk_rows: %19$d
                  - name: mariadb
                    source: {connection: maria, tables: [%15$s]}
                    target: {connection: ch, database: %17$s}
                    mode: snapshot
                    parallelism: %18$d
                    chunk_rows: %19$d
                """.formatted(workDir.resolve("state"),
                servers.postgres().host(), servers.postgres().port(), Servers.SOURCE_DB, servers.postgres().user(),
                servers.postgres().passwordFile(),
                servers.mariadb().host(), servers.mariadb().port(), servers.mariadb().user(),
                servers.mariadb().passwordFile(),
                servers.clickhouse().host(), servers.clickhouse().port(), servers.clickhouse().user(),
                servers.clickhouse().passwordFile(),
                SourceData.TABLE, targetDatabase("postgres"), targetDatabase("mariadb"), parallelism, chunkRows);
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("ferry.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench config in " + workDir, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The shaded bench jar this code runs from: it holds Ferry and FerryRun. */
    private static String ownJar() {
        try {
            return Path.of(FerryContender.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
