package dev.ferry.jdbc.read;

/**
 * One row read from a source, values normalised to the Java classes of their logical kinds. When a value
 * could not be read, {@code error} says which and why, and the row is destined for the dead-letter table.
 */
public record SourceRow(Object[] values, String error) {

    public boolean isBad() {
        return error != null;
    }
}
