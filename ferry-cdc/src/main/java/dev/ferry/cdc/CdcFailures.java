package dev.ferry.cdc;

import dev.ferry.core.FerryException;

/**
 * Turns the failures of Debezium's connectors that a user can act on into messages that say what happened and
 * what to do; anything else is kept as it is.
 */
final class CdcFailures {

    private CdcFailures() {
    }

    static Throwable explain(Throwable error, String pipeline) {
        String causes = causes(error);
        if (causes.contains("Error while deserializing binlog data of date") || causes.contains("Invalid date")) {
            return new FerryException("pipeline '" + pipeline + "': a row in the binlog holds a date that does not "
                    + "exist (such as 2024-02-30, which sql_mode ALLOW_INVALID_DATES lets in), and Debezium cannot "
                    + "read such rows: the stream cannot go past it. Correct the value at the source (for example set "
                    + "it to NULL), then resync the pipeline (ferry cdc --resync, docs/cdc.md 'Resyncing'), which "
                    + "starts from the current position and loads the tables again. Debezium said: "
                    + lastMessage(error), error);
        }
        if (causes.contains("DDL statement couldn't be parsed")) {
            return new FerryException("pipeline '" + pipeline + "': Debezium's DDL parser cannot read a table "
                    + "definition of the source database, so the stream cannot go on (MariaDB's INET4 and INET6 "
                    + "column types are such; see docs/cdc.md, 'Limits'). Debezium said: " + lastMessage(error),
                    error);
        }
        return error;
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String lastMessage(Throwable error) {
        Throwable last = error;
        while (last.getCause() != null) {
            last = last.getCause();
        }
        String message = last.getMessage() == null ? last.toString() : last.getMessage();
        return message.length() > 400 ? message.substring(0, 400) + "…" : message;
    }
}
