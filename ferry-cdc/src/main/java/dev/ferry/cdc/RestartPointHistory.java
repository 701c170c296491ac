package dev.ferry.cdc;

import io.debezium.config.Configuration;
import io.debezium.document.Document;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryListener;
import io.debezium.storage.file.history.FileSchemaHistory;

/**
 * Debezium's file schema history for MySQL/MariaDB, recovered only up to the stored restart position.
 *
 * <p>Why this exists: on start Debezium rebuilds its table schemas from the history records at or before the
 * stored offset, then reads the binlog from that offset and applies the DDL it finds there again. Its binlog
 * comparator (Debezium 3.3-3.6, debezium/dbz#1541, fixed upstream after 3.6) treats a restart position without
 * a {@code server_id} (the position is rebuilt from the loaded offsets, whose loader does not restore it) as
 * coming from another server and then compares timestamps that
 * are both absent, so <em>every</em> history record is applied, DDL after the restart position included. A
 * stream stopped before its offset passed an {@code ALTER TABLE ... RENAME COLUMN a TO b} then failed on every
 * start with "Trying to change column a ... which does not exist". Here a restart position without a server id
 * is compared by binlog coordinates, as the upstream fix does, so history and offsets agree.
 */
public final class RestartPointHistory extends FileSchemaHistory {

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
            boolean useCatalogBeforeSchema) {
        super.configure(config, new SameServerComparator(comparator), listener, useCatalogBeforeSchema);
    }

    /** Compares a restart position without a server id as a position on the recorded record's server. */
    static final class SameServerComparator extends HistoryRecordComparator {

        private static final String POSITION = "position";
        private static final String SERVER_ID = "server_id";

        private final HistoryRecordComparator delegate;

        SameServerComparator(HistoryRecordComparator delegate) {
            this.delegate = delegate != null ? delegate : HistoryRecordComparator.INSTANCE;
        }

        @Override
        public boolean isAtOrBefore(HistoryRecord recorded, HistoryRecord desired) {
            Document recordedPosition = recorded.document().getDocument(POSITION);
            Document desiredPosition = desired.document().getDocument(POSITION);
            if (recordedPosition != null && desiredPosition != null && recordedPosition.has(SERVER_ID)
                    && !desiredPosition.has(SERVER_ID)) {
                Document patched = desired.document().clone();
                // the same Value as recorded: its number type decides how the comparator reads it
                patched.getDocument(POSITION).set(SERVER_ID, recordedPosition.get(SERVER_ID));
                return delegate.isAtOrBefore(recorded, new HistoryRecord(patched));
            }
            return delegate.isAtOrBefore(recorded, desired);
        }
    }
}
