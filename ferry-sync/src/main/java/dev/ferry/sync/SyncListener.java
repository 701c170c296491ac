package dev.ferry.sync;

/** Progress of a sync as it happens; the CLI draws bars or log lines from it. Called from worker threads. */
public interface SyncListener {

    /** A table starts loading; {@code expectedRows} is a count read at the start (0 when unknown). */
    default void tableStarted(String table, String mode, long expectedRows) {
    }

    /** {@code rows} more rows of the table were accepted by ClickHouse. */
    default void rowsWritten(String table, long rows) {
    }

    default void tableFinished(TableReport report) {
    }

    /**
     * Something about the table's data the user must know although the run goes on, such as rows an
     * incremental run cannot read; {@link TableReport#warnings()} repeats it at the end.
     */
    default void warning(String table, String message) {
    }

    SyncListener NONE = new SyncListener() {
    };
}
