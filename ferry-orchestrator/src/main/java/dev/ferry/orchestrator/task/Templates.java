package dev.ferry.orchestrator.task;

import dev.ferry.core.FerryException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{ dotted.path }}} references with values of the run: params, dates, outputs of earlier
 * tasks. Written by hand rather than with a template engine on purpose: DAG files may only look values up,
 * never run logic (no loops, no calls), which keeps them data and keeps a typo an error instead of an empty
 * string.
 */
public final class Templates {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Templates() {
    }

    /** @throws FerryException naming the reference and what exists at the level where lookup failed */
    public static String render(String text, Map<String, Object> values) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(format(lookup(matcher.group(1), values))));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The references a text makes, for checks when a DAG file is read. */
    public static List<String> references(String text) {
        if (text == null) {
            return List.of();
        }
        return REFERENCE.matcher(text).results().map(result -> result.group(1)).toList();
    }

    static Object lookup(String path, Map<String, Object> values) {
        Object current = values;
        StringBuilder seen = new StringBuilder();
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                String at = seen.isEmpty() ? "" : " in '" + seen + "'";
                String known = current instanceof Map<?, ?> map2 ? "; known: " + String.join(", ",
                        map2.keySet().stream().map(String::valueOf).sorted().toList()) : "";
                throw new FerryException("unknown reference {{ " + path + " }}: no '" + part + "'" + at + known);
            }
            current = map.get(part);
            seen.append(seen.isEmpty() ? "" : ".").append(part);
        }
        return current;
    }

    private static String format(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
