package dev.ferry.core.schema;

/**
 * A single value that cannot travel to the target as it is (out of the target type's range, NaN in a
 * decimal, an unparsable timestamp). The row it belongs to goes to the dead-letter table with this reason;
 * the rest of the batch carries on.
 */
public final class BadValueException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String column;

    public BadValueException(String column, String reason) {
        super(column + ": " + reason);
        this.column = column;
    }

    public String column() {
        return column;
    }
}
