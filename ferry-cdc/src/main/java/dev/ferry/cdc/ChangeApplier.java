package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.clickhouse.write.TombstoneRow;
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
 * ({@code _version} = the change's position in the source log, always above the initial snapshot's 0);
 * deletes become flagged tombstones. Offsets are stored only after ClickHouse accepted the batch, so a
 * crash replays changes that then land again with the same versions, which ReplacingMergeTree collapses.
 */
final class ChangeApplier implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final String pipeline;
    private final CdcSource source;
    private final ClickHouseGateway clickhouse;
    private final CdcTables tables;
    private final ToastFiller toast;
    private final DeadLetterTable deadLetters;
    private final BatchLimits limits;
    private final BatchCommitter committer;
    private final AtomicLong applied = new AtomicLong();
    private final LagHistogram lag = new LagHistogram();
    private volatile long lastLagMillis;

    private record Change(Object[] row, long version, boolean deleted) {
    }

    ChangeApplier(String pipeline, CdcSource source, ClickHouseGateway clickhouse, CdcTables tables,
            ToastFiller toast, DeadLetterTable deadLetters, BatchLimits limits) {
        this.pipeline = pipeline;
        this.source = source;
        this.clickhouse = clickhouse;
        this.tables = tables;
        this.toast = toast;
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.committer = new BatchCommitter(source);
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

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> batchCommitter) throws InterruptedException {
        Map<TableMapping, List<Change>> byTable = new LinkedHashMap<>();
        List<DeadLetterTable.Letter> letters = new ArrayList<>();
        long newestSource = 0;
        long oldestSource = Long.MAX_VALUE;
        long streamed = 0;
        for (RecordChangeEvent<SourceRecord> event : events) {
            Struct value = ChangeEvents.rowChange(event.record());
            if (value == null) {
                continue; // heartbeats, transaction markers, truncates (not applied) and other non-row records
            }
            Struct position = value.getStruct("source");
            TableMapping table = tables.find(source.table(position));
            if (table == null) {
                continue;
            }
            boolean delete = "d".equals(value.getString("op"));
            Struct image = value.getStruct(delete ? "before" : "after");
            if (!tables.checked(image.schema())) {
                // the table may be about to change shape: what was collected in the old shape is written first
                List<Change> earlier = byTable.remove(table);
                if (earlier != null) {
                    write(table, earlier, letters);
                }
                table = tables.follow(table, image.schema());
            }
            // "r": a row read by a Debezium snapshot (incremental snapshots), below every streamed change
            boolean snapshot = "r".equals(value.getString("op"));
            if (!snapshot) {
                // snapshot rows carry the snapshot's time, not a commit's: they say nothing about lag
                newestSource = Math.max(newestSource, position.getInt64("ts_ms"));
                oldestSource = Math.min(oldestSource, position.getInt64("ts_ms"));
                streamed++;
            }
            Object[] row = DebeziumValues.row(image, table.source().columns());
            long version = snapshot ? 0 : source.version(position);
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(delete
                    ? new Change(TombstoneRow.fill(row, table.source().columns()), version, true)
                    : new Change(row, version, false));
        }
        // one table at a time: TableWriters share their thread's buffer
        byTable.forEach((table, changes) -> write(table, changes, letters));
        deadLetters.write(letters);
        committer.commit(events, batchCommitter);
        if (newestSource > 0) {
            long now = System.currentTimeMillis();
            lastLagMillis = Math.max(0, now - newestSource);
            // the batch's oldest change waited longest: counting every change at that lag is an upper bound
            lag.record(Math.max(0, now - oldestSource), streamed);
        }
    }

    private void write(TableMapping table, List<Change> changes, List<DeadLetterTable.Letter> letters) {
        List<Object[]> lacking = changes.stream().filter(c -> !c.deleted()).map(Change::row)
                .filter(ToastFiller::lacksValues).toList();
        toast.fill(table, lacking);
        TableWriter writer = new TableWriter(clickhouse, table.target(), table.encoder(), limits, RetryPolicy.DEFAULT);
        for (Change change : changes) {
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
