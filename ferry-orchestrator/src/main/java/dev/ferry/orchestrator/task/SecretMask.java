package dev.ferry.orchestrator.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret values with {@value #MASK} in text Ferry stores or prints: task log lines, task outputs,
 * errors. A last line of defence behind keeping secrets out of child environments: a command may still
 * print a password it found elsewhere, a server may echo one back in an error.
 *
 * <p>The rule: a secret of at least {@value #MIN_SUBSTRING_LENGTH} characters is masked wherever it occurs,
 * also inside longer words and percent-encoded (as in a URL's query string). A shorter one would blank out
 * ordinary text ("ab" inside "table"), so it is masked only where it stands as a whole token, between
 * characters that are no letters or digits. Such passwords are weak anyway; docs/security.md says so.
 */
public final class SecretMask {

    public static final String MASK = "***";
    public static final int MIN_SUBSTRING_LENGTH = 4;

    private final List<String> secrets;

    private SecretMask(Collection<String> secrets) {
        // longest first, so a secret that contains another is masked whole
        this.secrets = secrets.stream().filter(secret -> secret != null && !secret.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretMask of(Collection<String> secrets) {
        return new SecretMask(secrets);
    }

    public static SecretMask none() {
        return new SecretMask(List.of());
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The secret values, for checks such as "does this environment variable hold one". */
    public List<String> secrets() {
        return secrets;
    }

    public String apply(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = maskOne(result, secret);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                result = maskOne(result, encoded);
            }
        }
        return result;
    }

    /** The strings of a task output (maps, lists, strings, numbers), masked; the structure stays as it is. */
    public Object applyToValues(Object value) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value instanceof String text) {
            return apply(text);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> masked = new java.util.LinkedHashMap<>();
            map.forEach((key, item) -> masked.put(key instanceof String name ? apply(name) : key, applyToValues(item)));
            return masked;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(this::applyToValues).toList();
        }
        return value;
    }

    private static String maskOne(String text, String secret) {
        if (!text.contains(secret)) {
            return text;
        }
        if (secret.length() >= MIN_SUBSTRING_LENGTH) {
            return text.replace(secret, MASK);
        }
        Matcher token = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])")
                .matcher(text);
        return token.replaceAll(Matcher.quoteReplacement(MASK));
    }
}
