package dev.ferry.orchestrator.store;

/**
 * Text as the store keeps it: PostgreSQL refuses NUL characters in text, and errors and log lines are cut to
 * a length that both databases take, so a task printing binary or gigantic lines cannot break recording.
 */
final class StoredText {

    static final int MAX_ERROR = 16_000;
    static final int MAX_LINE = 8_000;

    private StoredText() {
    }

    static String error(String text) {
        return cut(text, MAX_ERROR);
    }

    static String line(String text) {
        return cut(text, MAX_LINE);
    }

    private static String cut(String text, int max) {
        String clean = text.indexOf('\u0000') >= 0 ? text.replace('\u0000', '\uFFFD') : text;
        return clean.length() > max ? clean.substring(0, max) + " … (cut)" : clean;
    }
}
