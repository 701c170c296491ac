package dev.ferry.core.config;

/** Matches table names against include/exclude patterns, where {@code *} is any run of characters and {@code ?} one. */
final class Globs {

    private Globs() {
    }

    /**
     * Greedy matching that, on a mismatch, lets the last {@code *} swallow one more character; linear in
     * practice and, unlike translating to a regex, needs no escaping of the dots in table names.
     */
    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starText = t;
            } else if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /**
     * The same pattern as a regular expression over the whole name, for tools that take lists of regexes
     * (Debezium): the literal parts are escaped so that commas and spaces in names survive such lists.
     */
    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(dev.ferry.core.schema.NameRegex.literal(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(dev.ferry.core.schema.NameRegex.literal(literal.toString()));
        }
        return regex.toString();
    }
}
