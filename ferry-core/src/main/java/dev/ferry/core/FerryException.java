package dev.ferry.core;

/**
 * An error meant for the person running Ferry: its message says what went wrong and, where known,
 * what to do about it. The CLI prints it as one line instead of a stack trace.
 */
public class FerryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Credentials in URLs the message names (a driver's error, a configured url) are masked here, once for all. */
    public FerryException(String message) {
        super(dev.ferry.core.net.UrlRedaction.redactAll(message));
    }

    public FerryException(String message, Throwable cause) {
        super(dev.ferry.core.net.UrlRedaction.redactAll(message), cause);
    }
}
