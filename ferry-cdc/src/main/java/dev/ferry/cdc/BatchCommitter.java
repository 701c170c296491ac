package dev.ferry.cdc;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Tells Debezium which offsets to store once a batch has been delivered (to ClickHouse or Kafka): every
 * record's for PostgreSQL; for binlog sources only sound restart points ({@link BinlogCommitPoints}).
 */
final class BatchCommitter {

    /** Changes read from the log (not by a snapshot): create, update, delete, truncate. */
    private static final Set<String> STREAMED_ROW_OPERATIONS = Set.of("c", "u", "d", "t");

    private final BinlogCommitPoints commitPoints;

    BatchCommitter(CdcSource source) {
        this.commitPoints = source.binlog() ? new BinlogCommitPoints() : null;
    }

    void commit(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        if (commitPoints == null) {
            for (RecordChangeEvent<SourceRecord> event : events) {
                committer.markProcessed(event);
            }
        } else {
            Map<String, Object> restartPoint = null;
            for (RecordChangeEvent<SourceRecord> event : events) {
                String op = ChangeEvents.operation(event.record());
                if (op == null) {
                    continue;
                }
                if (!STREAMED_ROW_OPERATIONS.contains(op)) {
                    // a snapshot read ("r") carries plain offsets; they are sound as they are
                    committer.markProcessed(event);
                    continue;
                }
                Struct source = ((Struct) event.record().value()).getStruct("source");
                Map<String, Object> safe = commitPoints.offer(source.getString("file"), source.getInt64("pos"),
                        event.record().sourceOffset());
                restartPoint = safe != null ? safe : restartPoint;
            }
            if (restartPoint != null && !events.isEmpty()) {
                DebeziumEngine.Offsets offsets = committer.buildOffsets();
                restartPoint.forEach(offsets::set);
                committer.markProcessed(events.get(events.size() - 1), offsets);
            }
        }
        committer.markBatchFinished();
    }
}
