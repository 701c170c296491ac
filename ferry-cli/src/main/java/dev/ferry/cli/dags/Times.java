package dev.ferry.cli.dags;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How times and durations show in orchestrator listings: UTC to the second. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String at(Optional<Instant> instant) {
        return instant.map(FORMAT::format).orElse("-");
    }

    static String at(Instant instant) {
        return FORMAT.format(instant);
    }

    static String between(Optional<Instant> start, Optional<Instant> end) {
        if (start.isEmpty()) {
            return "-";
        }
        Duration duration = Duration.between(start.get(), end.orElse(Instant.now()));
        long seconds = duration.toSeconds();
        String text = seconds < 60 ? String.format("%.1fs", duration.toMillis() / 1000.0)
                : seconds < 3600 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
        return end.isPresent() ? text : text + " so far";
    }
}
