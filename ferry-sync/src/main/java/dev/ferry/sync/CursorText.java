package dev.ferry.sync;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The incremental high-water mark as text both PostgreSQL and MySQL cast back to the cursor's type. */
final class CursorText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private CursorText() {
    }

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime local) {
            return LOCAL.format(local);
        }
        if (value instanceof Instant instant) {
            return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "+00:00";
        }
        return value.toString();
    }
}
