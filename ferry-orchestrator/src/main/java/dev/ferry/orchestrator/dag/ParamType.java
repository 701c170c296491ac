package dev.ferry.orchestrator.dag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run parameter may hold. Int, date and enum values cannot carry SQL or shell syntax, so templates may
 * render them as they are; a string can, so SQL and shell commands must quote it (see {@code Templates}).
 */
public enum ParamType {
    INT("a whole number such as 42"),
    DATE("a date such as 2026-01-31"),
    STRING("text"),
    ENUM("one of the listed values");

    private final String rule;

    ParamType(String rule) {
        this.rule = rule;
    }

    /** The rule in words, for messages. */
    public String rule() {
        return rule;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a value of this type may stand in SQL or a shell command unquoted. */
    public boolean safeUnquoted() {
        return this != STRING;
    }

    /** The value in its canonical form (a Long, an ISO date text, the text), or empty when it is none. */
    Optional<Object> convert(Object value) {
        String text = String.valueOf(value).trim();
        switch (this) {
            case INT -> {
                if (value instanceof Long || value instanceof Integer) {
                    return Optional.of(((Number) value).longValue());
                }
                if (!text.matches("[+-]?[0-9]{1,18}")) {
                    return Optional.empty();
                }
                return Optional.of(Long.parseLong(text));
            }
            case DATE -> {
                if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(LocalDate.parse(text).toString());
                } catch (DateTimeParseException invalid) {
                    return Optional.empty();
                }
            }
            default -> {
                return value instanceof String || value instanceof Number || value instanceof Boolean
                        ? Optional.of(String.valueOf(value)) : Optional.empty();
            }
        }
    }
}
