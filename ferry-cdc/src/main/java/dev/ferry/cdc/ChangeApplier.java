package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.sync.TableMapping;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Applies Debezium's change batches to ClickHouse. Every change becomes a new version of its row
 * ({@code _version} = the change's position in the source log); deletes become flagged tombstones.
 * Offsets are marked processed only after ClickHouse accepted the batch, so a crash replays changes
 * that then land again with the same versions, which ReplacingMergeTree collapses.
 */
final class ChangeApplier implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final String pipeline;
    private final ClickHouseGateway clickhouse;
    private final Map<String, TableMapping> tables;
    private final DeadLetterTable deadLetters;
    private final BatchLimits limits;
    private final AtomicLong applied = new AtomicLong();
    private volatile long lastLagMillis;
    private boolean snapshotStarted;
    private final LagHistogram lag = new LagHistogram();

    ChangeApplier(String pipeline, ClickHouseGateway clickhouse, Map<String, TableMapping> tables,
            DeadLetterTable deadLetters, BatchLimits limits) {
        this.pipeline = pipeline;
        this.clickhouse = clickhouse;
        this.tables = tables;
        this.deadLetters = deadLetters;
        this.limits = limits;
    }

    long applied() {
        return applied.get();
    }

    LagHistogram lag() {
        return lag;
    }

    /** How long after its commit at the source the newest change of the last batch was in ClickHouse. */
    long lastLagMillis() {
        return lastLagMillis;
    }

    /** Debezium's stand-in for an unchanged TOAST value that PostgreSQL did not send with an update. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    /** Create, snapshot read, update, delete. */
    private static final java.util.Set<String> ROW_OPERATIONS = java.util.Set.of("c", "r", "u", "d");

    private record Change(Object[] row, long version, boolean deleted, boolean snapshot) {
    }

    /**
     * Debezium snapshots only at the start of a run, and only when its offsets do not record a finished
     * snapshot, i.e. after a first run or after one killed before its snapshot was committed. The snapshot
     * then delivers the whole current state, but rows an interrupted earlier snapshot already wrote and that
     * were deleted since would survive as ghosts: so the targets are emptied first.
     */
    private void clearTargetsForSnapshot() {
        snapshotStarted = true;
        for (TableMapping table : tables.values()) {
            clickhouse.execute("TRUNCATE TABLE " + table.target().qualifiedName());
        }
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        Map<TableMapping, List<Change>> byTable = new LinkedHashMap<>();
        long newestSource = 0;
        long oldestSource = Long.MAX_VALUE;
        for (RecordChangeEvent<SourceRecord> event : events) {
            Struct value = (Struct) event.record().value();
            if (value == null || value.schema().field("op") == null
                    || !ROW_OPERATIONS.contains(value.getString("op"))) {
                continue; // heartbeats, transaction markers, truncates (not applied yet) and other non-row records
            }
            Struct source = value.getStruct("source");
            TableMapping table = tables.get(source.getString("schema") + "." + source.getString("table"));
            if (table == null) {
                continue;
            }
            newestSource = Math.max(newestSource, source.getInt64("ts_ms"));
            oldestSource = Math.min(oldestSource, source.getInt64("ts_ms"));
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(change(table, value, source));
        }
        if (!snapshotStarted && byTable.values().stream().flatMap(List::stream).anyMatch(Change::snapshot)) {
            clearTargetsForSnapshot();
        }
        List<DeadLetterTable.Letter> letters = new ArrayList<>();
        // one table at a time: TableWriters share their thread's buffer
        byTable.forEach((table, changes) -> write(table, changes, letters));
        deadLetters.write(letters);
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (newestSource > 0) {
            long now = System.currentTimeMillis();
            lastLagMillis = Math.max(0, now - newestSource);
            // the batch's oldest change waited longest: counting every change at that lag is an upper bound
            lag.record(Math.max(0, now - oldestSource), events.size());
        }
    }

    private static Change change(TableMapping table, Struct value, Struct source) {
        long version = source.getInt64("lsn");
        String op = value.getString("op");
        if ("d".equals(op)) {
            Object[] key = DebeziumValues.row(value.getStruct("before"), table.source().columns());
            return new Change(TombstoneRow.fill(key, table.source().columns()), version, true, false);
        }
        return new Change(DebeziumValues.row(value.getStruct("after"), table.source().columns()), version, false,
                "r".equals(op));
    }

    private void write(TableMapping table, List<Change> changes, List<DeadLetterTable.Letter> letters) {
        TableWriter writer = new TableWriter(clickhouse, table.target(), table.encoder(), limits, RetryPolicy.DEFAULT);
        for (Change change : changes) {
            if (!change.deleted() && Arrays.asList(change.row()).contains(UNAVAILABLE)) {
                // writing the placeholder would overwrite the stored value: keep the change aside instead
                letters.add(new DeadLetterTable.Letter(pipeline, table.name(), "", Arrays.toString(change.row()),
                        "update carries an unchanged TOAST value PostgreSQL did not send; Ferry cannot merge "
                                + "it with the stored row yet, so the change is kept here instead of overwriting"));
                continue;
            }
            try {
                writer.append(change.row(), change.version(), change.deleted());
            } catch (BadValueException e) {
                letters.add(new DeadLetterTable.Letter(pipeline, table.name(), "", Arrays.toString(change.row()),
                        e.getMessage()));
            }
        }
        writer.flush();
        applied.addAndGet(changes.size());
    }
}
