package dev.ferry.core.config;

import java.util.Collection;
import java.util.Locale;

/** Turns a misspelt field name into a hint, since a typo is the usual reason for an unknown field. */
public final class Spelling {

    private static final int MAX_DISTANCE = 3;

    private Spelling() {
    }

    public static String unknownField(String key, Collection<String> known) {
        return unknown("field", key, known);
    }

    /** @param what such as "field" or "task type": the message reads "unknown task type 'x'; did you mean ..." */
    public static String unknown(String what, String key, Collection<String> known) {
        String closest = null;
        int best = MAX_DISTANCE + 1;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        return closest != null ? "unknown " + what + " '" + key + "'; did you mean '" + closest + "'?"
                : "unknown " + what + " '" + key + "'; known " + what + "s: " + String.join(", ", known);
    }

    /** Levenshtein distance, keeping one row of the table. */
    static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int substitute = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(above, row[j - 1]) + 1);
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
