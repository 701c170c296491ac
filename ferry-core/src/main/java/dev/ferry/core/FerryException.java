package dev.ferry.core;

/**
 * An error meant for the person running Ferry: its message says what went wrong and, where known,
 * what to do about it. The CLI prints it as one line instead of a stack trace.
 */
public class FerryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FerryException(String message) {
        super(message);
    }

    public FerryException(String message, Throwable cause) {
        super(message, cause);
    }
}
