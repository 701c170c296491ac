package dev.ferry.clickhouse;

import dev.ferry.core.FerryException;

/**
 * A failure reported by or on the way to ClickHouse, with the server's error code when there is one and
 * whether trying again may help.
 */
public final class ClickHouseException extends FerryException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final boolean retryable;

    public ClickHouseException(String message, int code, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    /** Server error code, or 0 when the failure happened before the server answered. */
    public int code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
