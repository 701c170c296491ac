package dev.ferry.core.config;

import java.util.Objects;

/**
 * A password as resolved from the config, kept apart from plain strings so it cannot end up in a log line or
 * an error message by accident: {@link #toString()} shows where it came from, never the value.
 */
public final class Secret {

    /** No password configured. */
    public static final Secret NONE = new Secret("", "none");

    private static final String LITERAL = "literal";

    private final String value;
    private final String source;

    /** @param source the reference the value was read from, such as {@code ${env:PG_PASSWORD}} */
    public Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A password written into the config itself (only allowed with {@code allow_plaintext_secrets}). */
    public static Secret literal(String value) {
        return new Secret(value, LITERAL);
    }

    /** The password itself; hand it only to the driver that needs it. */
    public String reveal() {
        return value;
    }

    /** Where the value came from: {@code ${env:NAME}}, {@code ${file:path}}, {@code literal} or {@code none}. */
    public String source() {
        return source;
    }

    /**
     * The environment variable the value was read from ({@code ${env:NAME}} gives NAME): child processes must not
     * inherit it, or a task could print what the config kept out of sight.
     */
    public java.util.Optional<String> environmentVariable() {
        return source.startsWith("${env:") && source.endsWith("}")
                ? java.util.Optional.of(source.substring(6, source.length() - 1)) : java.util.Optional.empty();
    }

    /** Whether there is a value at all ({@link #NONE} and an empty reference have none). */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value) && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, source);
    }

    @Override
    public String toString() {
        return source.equals(LITERAL) ? "****" : source;
    }
}
