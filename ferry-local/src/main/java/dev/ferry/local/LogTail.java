package dev.ferry.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Pulls the one line that explains a failed start out of a server's log. */
final class LogTail {

    private static final int TAIL_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Last line of the log tail matching {@code pattern}, if any. */
    static Optional<String> lastMatch(Path log, Pattern pattern) {
        return tail(log).stream().filter(line -> pattern.matcher(line).find()).reduce((a, b) -> b)
                .map(String::strip);
    }

    static List<String> tail(Path log) {
        if (log == null || !Files.isReadable(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] buffer = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(buffer);
            return new String(buffer, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
