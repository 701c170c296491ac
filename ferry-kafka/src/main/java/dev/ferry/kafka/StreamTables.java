package dev.ferry.kafka;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.TargetColumn;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.clickhouse.types.ChTypes;
import dev.ferry.clickhouse.types.RowEncoder;
import dev.ferry.clickhouse.types.ValueConverter;
import dev.ferry.clickhouse.types.ValueConverters;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.StreamColumn;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClickHouse tables of a stream pipeline. Every row carries where its message came from
 * ({@code _topic, _partition, _offset, _timestamp}): that is what makes redelivery after a crash detectable,
 * and tables are sorted by it unless the pipeline sets {@code order_by}.
 */
final class StreamTables {

    static final String DEAD_LETTERS = "_ferry_stream_dead_letters";
    static final List<String> SOURCE_ORDER = List.of("_topic", "_partition", "_offset");

    /** A target table and how to encode its rows. */
    record Table(TargetTable target, RowEncoder encoder) {
    }

    private StreamTables() {
    }

    /**
     * The parsed rows: the configured columns, then the message's coordinates. Debezium change events update
     * rows instead of appending them: their table is a ReplacingMergeTree keyed by {@code order_by} (the
     * source's key), versioned by the Kafka offset (Debezium publishes all changes of a key to one partition,
     * in order), with deletes kept as flagged tombstones like a CDC pipeline's.
     */
    static Table parsed(PipelineConfig pipeline, ServerCapabilities caps) {
        List<ColumnSpec> columns = new ArrayList<>(columns(pipeline, caps));
        columns.addAll(coordinates(caps));
        boolean changes = pipeline.stream().format() == dev.ferry.core.config.StreamConfig.StreamFormat.DEBEZIUM;
        if (changes && pipeline.target().orderBy().isEmpty()) {
            throw new dev.ferry.core.FerryException("pipeline '" + pipeline.name() + "' reads Debezium change events: "
                    + "set target.order_by to the source table's key columns, so updates and deletes find their row");
        }
        List<String> orderBy = pipeline.target().orderBy().isEmpty() ? SOURCE_ORDER : pipeline.target().orderBy();
        Table table = table(pipeline.target().database(), pipeline.target().tablePrefix() + pipeline.stream().table(),
                columns, orderBy, pipeline.target().partitionBy(), caps);
        if (!changes) {
            return table;
        }
        TargetTable t = table.target();
        TargetTable versioned = new TargetTable(t.database(), t.name(), t.columns(),
                TargetTable.Engine.REPLACING_MERGE_TREE, t.orderBy(), t.partitionBy(), caps.replacingIsDeleted()
                        ? TargetTable.Deletes.ENGINE_COLUMN : TargetTable.Deletes.COLUMN);
        return new Table(versioned, table.encoder());
    }

    /** The pipeline's own columns and those it adds from dimension tables (without the message coordinates). */
    static List<ColumnSpec> columns(PipelineConfig pipeline, ServerCapabilities caps) {
        List<ColumnSpec> columns = new ArrayList<>();
        List<StreamColumn> all = new ArrayList<>(pipeline.stream().columns());
        pipeline.stream().enrich().forEach(enrichment -> all.addAll(enrichment.columns()));
        for (StreamColumn column : all) {
            // the path in the comment documents the table, and is how columns: auto finds its columns again
            columns.add(new ColumnSpec(column.name(), StreamTypes.logical(column.type(), caps.dateTime64()),
                    !column.required(), StreamSchema.PATH_COMMENT + column.path()));
        }
        return columns;
    }

    /** Every message as received, for replays and audits (seed 002's raw layer). */
    static Table raw(PipelineConfig pipeline, ServerCapabilities caps) {
        List<ColumnSpec> columns = new ArrayList<>(coordinates(caps));
        columns.add(new ColumnSpec("_key", LogicalType.of(LogicalKind.STRING, "string"), true, "message key"));
        columns.add(new ColumnSpec("payload", LogicalType.of(LogicalKind.STRING, "string"), false, "message value"));
        return table(pipeline.target().database(), pipeline.target().tablePrefix() + pipeline.stream().rawTable(),
                columns, SOURCE_ORDER, null, caps);
    }

    /** Messages that could not become a row, with the reason; shared by the stream pipelines of a database. */
    static Table deadLetters(String database, ServerCapabilities caps) {
        List<ColumnSpec> columns = new ArrayList<>();
        columns.add(new ColumnSpec("pipeline", LogicalType.of(LogicalKind.STRING, "string"), false, ""));
        columns.addAll(coordinates(caps));
        columns.add(new ColumnSpec("_key", LogicalType.of(LogicalKind.STRING, "string"), true, "message key"));
        columns.add(new ColumnSpec("payload", LogicalType.of(LogicalKind.STRING, "string"), false, "message value"));
        columns.add(new ColumnSpec("error", LogicalType.of(LogicalKind.STRING, "string"), false, "why it was refused"));
        columns.add(new ColumnSpec("received_at", LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 0, "timestamp"),
                false, "when Ferry refused it"));
        List<String> orderBy = new ArrayList<>(List.of("pipeline"));
        orderBy.addAll(SOURCE_ORDER);
        return table(database, DEAD_LETTERS, columns, orderBy, null, caps);
    }

    private static List<ColumnSpec> coordinates(ServerCapabilities caps) {
        return List.of(
                new ColumnSpec("_topic", LogicalType.of(LogicalKind.STRING, "string"), false, "Kafka topic"),
                new ColumnSpec("_partition", LogicalType.of(LogicalKind.INT32, "int32"), false, "Kafka partition"),
                new ColumnSpec("_offset", LogicalType.of(LogicalKind.INT64, "int64"), false, "Kafka offset"),
                new ColumnSpec("_timestamp", LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ,
                        caps.dateTime64() ? 3 : 0, "timestamp"), false,
                        "Kafka message timestamp"));
    }

    private static Table table(String database, String name, List<ColumnSpec> columns, List<String> orderBy,
            String partitionBy, ServerCapabilities caps) {
        List<TargetColumn> targetColumns = new ArrayList<>();
        List<ChType> types = new ArrayList<>();
        List<ValueConverter> converters = new ArrayList<>();
        for (ColumnSpec column : columns) {
            ChType type = ChTypes.forColumn(column, caps, orderBy.contains(column.name()));
            targetColumns.add(new TargetColumn(column.name(), type, column.comment()));
            types.add(type);
            converters.add(ValueConverters.forColumn(column, type, caps));
        }
        TargetTable target = new TargetTable(database, name, targetColumns, TargetTable.Engine.MERGE_TREE, orderBy,
                partitionBy);
        return new Table(target, new RowEncoder(columns.stream().map(ColumnSpec::name).toList(), types, converters));
    }
}
