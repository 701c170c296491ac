package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code ferry} launcher's default heap, and the ways to set another; runs the script on the built jar. */
class LauncherHeapIT {

    private static String maxHeap(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "ferry").toAbsolutePath().normalize()
                .toString(), "--version").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.equals("JAVA_OPTS") || name.startsWith("FERRY_")
                || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("FERRY_SKIP_BUILD", "1");
        builder.environment().put("JDK_JAVA_OPTIONS", "-XshowSettings:vm");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("ferry ");
        return out.lines().filter(line -> line.contains("Max. Heap Size")).findFirst().orElse(out).strip();
    }

    @Test
    void aDefaultHeapThatFerryHeapAndOwnOptionsOverride() throws Exception {
        assertThat(maxHeap(Map.of())).isEqualTo("Max. Heap Size: 512.00M");
        assertThat(maxHeap(Map.of("FERRY_HEAP", "300m"))).isEqualTo("Max. Heap Size: 300.00M");
        assertThat(maxHeap(Map.of("FERRY_JAVA_OPTS", "-Xmx200m"))).isEqualTo("Max. Heap Size: 200.00M");
        assertThat(maxHeap(Map.of("JAVA_OPTS", "-Xmx220m", "FERRY_HEAP", "300m"))).isEqualTo("Max. Heap Size: 220.00M");
        assertThat(maxHeap(Map.of("JAVA_OPTS", "-XX:MaxRAMPercentage=10"))).startsWith("Max. Heap Size (Estimated)");
    }
}
