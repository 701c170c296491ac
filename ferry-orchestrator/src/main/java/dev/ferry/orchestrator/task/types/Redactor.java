package dev.ferry.orchestrator.task.types;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Blanks out known secret values in text bound for a log line or an error message. A last line of
 * defence: code names secrets by where they come from, but a server may echo a token back in an error
 * body, and a driver may put a URL with a key into its exception.
 */
final class Redactor {

    static final String MASK = "****";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        // longest first, so a secret that contains another is blanked whole
        this.secrets = secrets.stream().filter(secret -> secret != null && !secret.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static Redactor of(List<String> secrets) {
        return new Redactor(new ArrayList<>(secrets));
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
            // query strings carry secrets percent-encoded
            String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                result = result.replace(encoded, MASK);
            }
        }
        return result;
    }
}
