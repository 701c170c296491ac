package dev.ferry.orchestrator.run;

import java.time.Duration;

/** Durations as users write them in DAG files: 90s, 5m, 2h. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
