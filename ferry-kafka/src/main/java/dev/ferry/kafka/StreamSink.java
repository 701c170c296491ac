package dev.ferry.kafka;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.TableWriter;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.schema.BadValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch: dead letters first, then raw messages, then parsed rows, one insert per table. A table
 * already written by an earlier attempt of the same batch is not written again. A row ClickHouse cannot
 * take (a date out of its range, say) becomes a dead letter written after the parsed rows.
 */
final class StreamSink {

    /** One insert per table per batch: the batch itself is bounded by the pipeline's batch settings. */
    private static final BatchLimits ONE_INSERT = new BatchLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
    /** A short retry inside an attempt; longer outages are bridged by the runner, which keeps polling. */
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(200), Duration.ofMillis(500));

    private final String pipeline;
    private final ClickHouseGateway clickhouse;
    private final StreamTables.Table parsed;
    private final StreamTables.Table raw;
    private final StreamTables.Table dead;
    private final boolean changes;

    StreamSink(String pipeline, ClickHouseGateway clickhouse, StreamTables.Table parsed, StreamTables.Table raw,
            StreamTables.Table dead) {
        this.pipeline = pipeline;
        this.clickhouse = clickhouse;
        this.parsed = parsed;
        this.raw = raw;
        this.dead = dead;
        this.changes = parsed.target().engine() == dev.ferry.clickhouse.table.TargetTable.Engine.REPLACING_MERGE_TREE;
    }

    /** Rows ClickHouse refused go to the dead letters instead, and are kept in {@code batch.refused}. */
    void write(StreamBatch batch) {
        write(batch, "dead", dead, batch.dead);
        if (raw != null) {
            write(batch, "raw", raw, batch.raw);
        }
        if (!batch.written.contains("parsed")) {
            List<Object[]> refused = new ArrayList<>();
            TableWriter writer = writer(parsed);
            for (int i = 0; i < batch.parsed.size(); i++) {
                Object[] row = batch.parsed.get(i);
                try {
                    if (changes) {
                        // the offset orders the changes of a key: Debezium keeps a key in one partition
                        writer.append(row, (Long) row[row.length - 2], batch.deletes.get(i));
                    } else {
                        writer.append(row, 0);
                    }
                } catch (BadValueException e) {
                    byte[][] message = batch.parsedMessages.get(i);
                    refused.add(deadLetter(row, message[0], message[1], e.getMessage()));
                }
            }
            writer.flush();
            batch.written.add("parsed");
            batch.refused.addAll(refused);
        }
        write(batch, "refused", dead, batch.refused);
    }

    private void write(StreamBatch batch, String name, StreamTables.Table table, List<Object[]> rows) {
        if (batch.written.contains(name)) {
            return;
        }
        TableWriter writer = writer(table);
        for (Object[] row : rows) {
            try {
                writer.append(row, 0);
            } catch (BadValueException e) {
                // raw and dead-letter rows are text and coordinates: nothing ClickHouse can refuse
                throw new IllegalStateException("cannot write a " + name + " row: " + e.getMessage(), e);
            }
        }
        writer.flush();
        batch.written.add(name);
    }

    private TableWriter writer(StreamTables.Table table) {
        return new TableWriter(clickhouse, table.target(), table.encoder(), ONE_INSERT, QUICK);
    }

    /** A parsed row that ClickHouse refused, as a dead letter with the message's key and value as received. */
    private Object[] deadLetter(Object[] parsedRow, byte[] key, byte[] payload, String error) {
        int n = parsedRow.length;
        // the parsed row ends with _topic, _partition, _offset, _timestamp
        return deadRow(pipeline, parsedRow[n - 4], parsedRow[n - 3], parsedRow[n - 2], parsedRow[n - 1], key,
                payload, error);
    }

    /** A dead-letter row; key (null when the message has none) and payload are the message's bytes as received. */
    static Object[] deadRow(String pipeline, Object topic, Object partition, Object offset, Object timestamp,
            byte[] key, byte[] payload, String error) {
        return new Object[] {pipeline, topic, partition, offset, timestamp, key, payload, error,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)};
    }
}
