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
