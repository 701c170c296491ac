package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.clickhouse.write.TombstoneRow;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.jdbc.read.SourceRow;
import dev.ferry.sync.TableMapping;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Debezium's change batches to ClickHouse. Every change becomes a new version of its row
 * ({@code _version} = the change's position in the source log, always above the initial snapshot's 0);
 * deletes become flagged tombstones and a TRUNCATE empties the target. Offsets are stored only after
 * ClickHouse accepted the batch, so a crash replays changes that then land again with the same versions,
 * which ReplacingMergeTree collapses.
 */
final class ChangeApplier implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

    private final String pipeline;
    private final CdcSource source;
    private final ClickHouseGateway clickhouse;
    private final CdcTables tables;
    private final SourceRefill refill;
    private final DeadLetterTable deadLetters;
    private final BatchLimits limits;
    private final BatchCommitter committer;
    private final InitialLoadGate initialLoad;
    private final ChangeCounts counts;
    private final LagHistogram lag = new LagHistogram();
    private volatile long lastLagMillis;

    /** One change of a row: its values as read from the event, or why they could not be read. */
    private record Change(SourceRow row, long version, boolean deleted, Struct image) {
    }

    ChangeApplier(String pipeline, CdcSource source, ClickHouseGateway clickhouse, CdcTables tables,
            SourceRefill refill, DeadLetterTable deadLetters, BatchLimits limits, InitialLoadGate initialLoad,
            ChangeCounts counts) {
        this.pipeline = pipeline;
        this.counts = counts;
        this.source = source;
        this.clickhouse = clickhouse;
        this.tables = tables;
        this.refill = refill;
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.initialLoad = initialLoad;
        this.committer = new BatchCommitter(source);
    }

    long applied() {
        return counts.applied();
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
            String op = ChangeEvents.operation(event.record());
            if (op == null || !ChangeEvents.APPLIED_OPERATIONS.contains(op)) {
                continue; // heartbeats, transaction markers and other records that change no row
            }
            Struct value = (Struct) event.record().value();
            Struct position = value.getStruct("source");
            String name = source.table(position);
            TableMapping table = tables.find(name, source.version(position));
            if (table == null) {
                counts.ignored(name); // CdcTables said why, once, in the log
                continue;
            }
            if ("t".equals(op)) {
                // what came before the TRUNCATE lands first, then the target is emptied
                List<Change> earlier = byTable.remove(table);
                if (earlier != null) {
                    write(table, earlier, letters);
                }
                truncate(table);
                continue;
            }
            boolean delete = "d".equals(op);
            Struct image = value.getStruct(delete ? "before" : "after");
            if (!tables.checked(image.schema())) {
                // the table may be about to change shape: what was collected in the old shape is written first
                List<Change> earlier = byTable.remove(table);
                if (earlier != null) {
                    write(table, earlier, letters);
                }
                table = tables.follow(table, image.schema(), source.version(position));
            }
            // "r": a row read by a Debezium snapshot (incremental snapshots), below every streamed change
            boolean snapshot = "r".equals(op);
            if (!snapshot) {
                // snapshot rows carry the snapshot's time, not a commit's: they say nothing about lag
                newestSource = Math.max(newestSource, position.getInt64("ts_ms"));
                oldestSource = Math.min(oldestSource, position.getInt64("ts_ms"));
                streamed++;
            }
            SourceRow row = DebeziumValues.read(image, table.source().columns(), tables.refillColumns(table).always());
            long version = snapshot ? 0 : source.version(position);
            if (delete && hasKey(table, row)) {
                // a delete needs only the key: a value of another column that could not be read does not matter
                row = new SourceRow(TombstoneRow.fill(withoutUnavailable(row.values()), table.source().columns()),
                        null);
            }
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new Change(row, version, delete, image));
        }
        // one table at a time: TableWriters share their thread's buffer
        byTable.forEach((table, changes) -> write(table, changes, letters));
        deadLetters.write(letters);
        // counted once the dead letters are in their table too, so that what the status says can be looked up
        letters.forEach(letter -> counts.applied(letter.sourceTable(), 0, 1));
        committer.commit(events, batchCommitter);
        if (newestSource > 0) {
            long now = System.currentTimeMillis();
            lastLagMillis = Math.max(0, now - newestSource);
            // the batch's oldest change waited longest: counting every change at that lag is an upper bound
            lag.record(Math.max(0, now - oldestSource), streamed);
        }
    }

    private static boolean hasKey(TableMapping table, SourceRow row) {
        return table.keyColumns().stream().allMatch(i -> row.values()[i] != null
                && row.values()[i] != DebeziumValues.UNAVAILABLE);
    }

    /** A tombstone's other columns are placeholders: nothing of a deleted row is read back. */
    private static Object[] withoutUnavailable(Object[] values) {
        Object[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == DebeziumValues.UNAVAILABLE) {
                copy[i] = null;
            }
        }
        return copy;
    }

    private void write(TableMapping table, List<Change> changes, List<DeadLetterTable.Letter> letters) {
        RefillColumns.Plan plan = tables.refillColumns(table);
        List<Object[]> lacking = changes.stream().filter(c -> !c.deleted() && !c.row().isBad())
                .map(c -> c.row().values()).filter(r -> SourceRefill.lacksValues(r, plan)).toList();
        Map<Object[], String> unreadable = refill.fill(table, lacking, plan);
        TableWriter writer = new TableWriter(clickhouse, table.target(), table.encoder(), limits, RetryPolicy.DEFAULT);
        long rejected = 0;
        for (Change change : changes) {
            String error = change.row().isBad() ? change.row().error() : unreadable.get(change.row().values());
            try {
                if (error != null) {
                    throw new BadValueException("?", error);
                }
                writer.append(change.row().values(), change.version(), change.deleted());
            } catch (BadValueException | ClassCastException | IllegalArgumentException | ArithmeticException
                    | java.time.DateTimeException e) {
                // a value that cannot be converted stops this row, never the stream (ClickHouse failures, which
                // are not about the row, propagate: the batch is retried or the pipeline stops, and nothing is lost)
                letters.add(ChangeLetters.of(pipeline, table, change.image(), change.row().values(),
                        error != null ? error : e.getMessage()));
                rejected++;
                if (!change.deleted()) {
                    hideOlderVersions(writer, table, change);
                }
            }
        }
        writer.flush();
        counts.applied(table.name(), changes.size() - rejected, 0);
    }

    /**
     * A change that cannot be written must not leave the row's older version looking current: ClickHouse would
     * show a state the source no longer has. A tombstone at the change's version hides it; the row's new values
     * are in the dead letter ({@code ferry validate} reports the table EQUAL EXCEPT DEAD LETTERS).
     */
    private static void hideOlderVersions(TableWriter writer, TableMapping table, Change change) {
        if (!hasKey(table, change.row())) {
            return; // without the key there is no row to hide; the dead letter says what arrived
        }
        Object[] keyOnly = new Object[change.row().values().length];
        table.keyColumns().forEach(i -> keyOnly[i] = change.row().values()[i]);
        try {
            writer.append(TombstoneRow.fill(keyOnly, table.source().columns()), change.version(), true);
        } catch (BadValueException e) {
            // the key itself cannot be written: no version of this row can be in ClickHouse either
        }
    }

    /**
     * Empties the target after a TRUNCATE at the source. The initial snapshot may still be writing rows it read
     * before the TRUNCATE into the same table, so it is waited for first.
     */
    private void truncate(TableMapping table) throws InterruptedException {
        initialLoad.awaitSnapshot();
        clickhouse.execute("TRUNCATE TABLE " + table.target().qualifiedName());
        counts.truncated(table.name());
        LOG.info("pipeline {}: {} was truncated at the source; emptied {}", pipeline, table.name(),
                table.target().qualifiedName());
    }
}
