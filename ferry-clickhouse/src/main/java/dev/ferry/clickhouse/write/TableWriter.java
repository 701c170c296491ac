package dev.ferry.clickhouse.write;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseException;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.types.ByteSink;
import dev.ferry.clickhouse.types.RowEncoder;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.schema.BadValueException;
import java.util.List;
import java.util.Map;

/**
 * Buffers rows of one table as RowBinary and inserts them in batches. Memory is bounded by the batch
 * byte limit (plus one row). A failed insert is retried when the failure is transient; the buffer is
 * kept until the server accepted it, so nothing is lost between attempts. Not thread-safe, and a thread
 * uses one writer at a time (they share the thread's buffer).
 */
public final class TableWriter {

    /**
     * One buffer per thread, reused by the writers that thread creates one after another (one per
     * snapshot chunk): allocating a fresh multi-megabyte buffer per chunk was half of all allocation.
     * A thread must therefore use only one TableWriter at a time.
     */
    private static final ThreadLocal<ByteSink> BUFFERS = ThreadLocal.withInitial(() -> new ByteSink(1 << 20));

    private final ClickHouseGateway gateway;
    private final TargetTable table;
    private final RowEncoder encoder;
    private final BatchLimits limits;
    private final RetryPolicy retry;
    private final boolean versioned;
    private final boolean flagsDeletes;
    private final List<String> columns;
    private final ByteSink buffer;
    private int bufferedRows;
    private long writtenRows;

    public TableWriter(ClickHouseGateway gateway, TargetTable table, RowEncoder encoder, BatchLimits limits,
            RetryPolicy retry) {
        this.gateway = gateway;
        this.table = table;
        this.encoder = encoder;
        this.limits = limits;
        this.retry = retry;
        this.versioned = table.engine() == TargetTable.Engine.REPLACING_MERGE_TREE;
        this.flagsDeletes = table.deletes() != TargetTable.Deletes.NONE;
        this.columns = table.insertColumnNames();
        this.buffer = BUFFERS.get();
        this.buffer.reset();
    }

    /**
     * Adds a row; sends the batch when a limit is reached.
     *
     * @throws BadValueException when a value cannot be written; the row is not added and the caller
     *                           routes it to the dead-letter table
     */
    public void append(Object[] values, long version) throws BadValueException {
        append(values, version, false);
    }

    /** As {@link #append(Object[], long)}, for tables that keep deleted rows as flagged versions (CDC). */
    public void append(Object[] values, long version, boolean deleted) throws BadValueException {
        encoder.encode(values, buffer);
        if (versioned) {
            buffer.writeLongLE(version);
        }
        if (flagsDeletes) {
            buffer.writeByte(deleted ? 1 : 0);
        }
        bufferedRows++;
        if (bufferedRows >= limits.rows() || buffer.size() >= limits.bytes()) {
            flush();
        }
    }

    public int bufferedRows() {
        return bufferedRows;
    }

    public long writtenRows() {
        return writtenRows;
    }

    /** Sends what is buffered; returns once ClickHouse has accepted it. */
    public void flush() {
        if (bufferedRows == 0) {
            return;
        }
        String target = table.qualifiedName();
        retry.run("insert of " + bufferedRows + " rows into " + target,
                () -> gateway.insert(target, columns, buffer.asInputStream(), ClickHouseFormat.RowBinary, Map.of()),
                e -> e instanceof ClickHouseException ch && ch.retryable());
        writtenRows += bufferedRows;
        bufferedRows = 0;
        buffer.reset();
    }
}
