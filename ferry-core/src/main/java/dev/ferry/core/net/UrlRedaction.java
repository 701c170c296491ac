package dev.ferry.core.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs before they reach a message, a log line or an exception: the password of
 * the userinfo part ({@code http://user:pw@host}) and the values of query parameters whose names say
 * they hold a secret ({@code ?password=}, {@code api_key=}, {@code token=}, {@code sig=} ...). Written by hand:
 * {@link java.net.URI} rejects many strings such text holds (JDBC URLs, host lists, unencoded characters),
 * and a message must be redacted whatever shape its URLs have.
 */
public final class UrlRedaction {

    public static final String MASK = "****";

    /** scheme://[userinfo@]rest, up to whitespace or a quote; JDBC URLs ({@code jdbc:postgresql://}) included. */
    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)*://)([^\\s\"'<>]*)");

    /**
     * Query or matrix parameters (after ?, &, ;) whose name marks a secret; the value ends before the
     * punctuation that may follow a URL in a sentence.
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;])([^=&;#\\s]*(?:password|passwd|pwd|pass|secret|token|key|sig|signature|auth|credential)"
                    + "[^=&;#\\s]*)=([^&;#\\s]*?)(?=[.,:!?)\\]]*(?:[&;#\\s]|$))");

    private UrlRedaction() {
    }

    /** One URL with its credentials masked; the user name stays (it helps, and is no secret). */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL.matcher(url);
        return m.lookingAt() ? m.group(1) + redactRest(m.group(2)) + url.substring(m.end()) : redactParameters(url);
    }

    /** Every URL in a free text (an exception message, a driver's error) with its credentials masked. */
    public static String redactAll(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + redactRest(m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a URL carries a credential of its own: a userinfo password or a secret parameter. */
    public static boolean hasCredentials(String url) {
        return url != null && (userinfo(url) != null || SECRET_PARAMETER.matcher(url).find());
    }

    /** Whether a URL has a query parameter whose name marks a secret. */
    public static boolean hasSecretParameter(String url) {
        return url != null && SECRET_PARAMETER.matcher(url).find();
    }

    /** The userinfo part ({@code user} or {@code user:password}) of a URL, or null when it has none. */
    public static String userinfo(String url) {
        Matcher m = URL.matcher(url);
        if (!m.lookingAt()) {
            return null;
        }
        String rest = m.group(2);
        int authorityEnd = firstOf(rest, "/?#");
        int at = rest.lastIndexOf('@', authorityEnd - 1);
        return at < 0 ? null : rest.substring(0, at);
    }

    private static String redactRest(String rest) {
        int authorityEnd = firstOf(rest, "/?#");
        int at = rest.lastIndexOf('@', authorityEnd - 1);
        String result = rest;
        if (at >= 0) {
            String userinfo = rest.substring(0, at);
            int colon = userinfo.indexOf(':');
            result = (colon < 0 ? userinfo : userinfo.substring(0, colon) + ":" + MASK) + rest.substring(at);
        }
        return redactParameters(result);
    }

    private static String redactParameters(String text) {
        Matcher m = SECRET_PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + MASK));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

}
