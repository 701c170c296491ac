package dev.ferry.cli;

import dev.ferry.core.FerryException;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr and a non-zero exit. Errors Ferry understands carry their own
 * advice; anything else also gets its stack trace when FERRY_DEBUG is set.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        // FerryException messages are redacted when made; anything else may name a URL with its credentials
        String message = dev.ferry.core.net.UrlRedaction.redactAll(e.getMessage());
        if (e instanceof FerryException) {
            cli.getErr().println("ferry: " + message);
        } else {
            cli.getErr().println("ferry: unexpected " + e.getClass().getSimpleName() + ": " + message
                    + " (set FERRY_DEBUG=1 for the stack trace)");
        }
        if (System.getenv("FERRY_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return FAILURE;
    }
}
