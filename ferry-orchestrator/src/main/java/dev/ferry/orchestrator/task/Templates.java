package dev.ferry.orchestrator.task;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{ dotted.path }}} references with values of the run: params, dates, outputs of earlier
 * tasks; {@code {{ path | filter }}} quotes the value first ({@code sql_string}, {@code sql_identifier},
 * {@code shell}). Written by hand rather than with a template engine on purpose: DAG files may only look
 * values up, never run logic (no loops, no calls), which keeps them data and keeps a typo an error instead of
 * an empty string.
 */
public final class Templates {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|\\s*([A-Za-z0-9_]+)\\s*)?}}");
    public static final Set<String> FILTERS = Set.of("sql_string", "sql_identifier", "shell");

    private Templates() {
    }

    /** One {@code {{ ... }}} of a text. */
    public record Reference(String path, Optional<String> filter) {

        /** The param a {@code params.name} reference names. */
        public Optional<String> param() {
            return path.startsWith("params.") ? Optional.of(path.substring("params.".length()).split("\\.")[0])
                    : Optional.empty();
        }
    }

    /** Renders with no quoting rules (names, paths, headers). */
    public static String render(String text, Map<String, Object> values) {
        return render(text, values, TemplateQuoting.PLAIN, Set.of());
    }

    /**
     * @param where        what the text becomes, which decides the quoting string params need
     * @param stringParams the params declared as strings
     * @throws FerryException naming the reference and what exists at the level where lookup failed, or the
     *                        quoting a string param lacks
     */
    public static String render(String text, Map<String, Object> values, TemplateQuoting where,
                                Set<String> stringParams) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            Reference reference = new Reference(matcher.group(1), Optional.ofNullable(matcher.group(2)));
            where.problem(reference, stringParams).ifPresent(problem -> {
                throw new FerryException(problem);
            });
            String value = format(lookup(reference.path(), values));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(reference.filter()
                    .map(filter -> apply(filter, value)).orElse(value)));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The references a text makes, for checks when a DAG file is read. */
    public static List<Reference> parse(String text) {
        if (text == null) {
            return List.of();
        }
        return REFERENCE.matcher(text).results().map(result -> new Reference(result.group(1),
                Optional.ofNullable(result.group(2)))).toList();
    }

    /** The paths a text refers to. */
    public static List<String> references(String text) {
        return parse(text).stream().map(Reference::path).toList();
    }

    /** The environment variable a shell task gets a param in: {@code FERRY_PARAM_} and the name in capitals. */
    public static String variable(String param) {
        return "FERRY_PARAM_" + param.toUpperCase(Locale.ROOT);
    }

    static String apply(String filter, String value) {
        return switch (filter) {
            case "sql_string" -> ClickHouseGateway.quoteString(value);
            case "sql_identifier" -> ClickHouseGateway.quoteIdentifier(value);
            // single quotes keep everything literal in bash; a single quote itself ends, is escaped, restarts
            case "shell" -> "'" + value.replace("'", "'\\''") + "'";
            default -> throw new FerryException("unknown template filter '" + filter + "'; filters: "
                    + String.join(", ", FILTERS.stream().sorted().toList()));
        };
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
