package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.TargetColumn;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.clickhouse.types.RowEncoder;
import dev.ferry.clickhouse.types.ValueConverter;
import dev.ferry.clickhouse.types.ValueConverters;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.EngineChoice;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.core.config.TableSelection;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.JdbcEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides the target table of a source table: ReplacingMergeTree(_version) ordered by the primary key
 * when there is one (so re-loaded rows replace older versions), MergeTree ordered by {@code tuple()}
 * otherwise (a keyless ReplacingMergeTree would collapse all rows into one). Column types come from
 * {@link TypeChoice}, which may look at the target table and at the source's values.
 */
public final class TableMapper {

    private final PipelineConfig pipeline;
    private final ServerCapabilities caps;
    private final TypeChoice types;

    /** @param types how date and time columns get their type (see {@link TypeChoice}) */
    public TableMapper(PipelineConfig pipeline, ServerCapabilities caps, TypeChoice types) {
        this.pipeline = pipeline;
        this.caps = caps;
        this.types = types;
    }

    /** A mapper for working with existing targets as they are: incremental runs, validation, CDC. */
    public static TableMapper followingTargets(PipelineConfig pipeline, JdbcEndpoint source,
            ClickHouseGateway clickhouse) {
        return new TableMapper(pipeline, clickhouse.capabilities(), TypeChoice.followTarget(source, clickhouse));
    }

    public TableMapping map(TableSpec spec) {
        Optional<TableSelection> selection = selection(spec);
        List<String> orderBy = selection.map(TableSelection::orderBy).filter(l -> !l.isEmpty())
                .or(() -> Optional.of(pipeline.target().orderBy()).filter(l -> !l.isEmpty()))
                .orElse(spec.primaryKey());
        TargetTable.Engine engine = engine(spec, orderBy);
        Set<String> keyNames = orderBy.stream().filter(k -> spec.column(k).isPresent()).collect(Collectors.toSet());
        String database = pipeline.target().database();
        String name = pipeline.target().tablePrefix() + spec.id().table();
        String cursor = cursor(spec, selection);
        List<ChType> chosen = types.choose(spec, database, name, keyNames, caps);
        List<TargetColumn> columns = new ArrayList<>();
        List<ValueConverter> converters = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            ColumnSpec column = spec.columns().get(i);
            columns.add(new TargetColumn(column.name(), chosen.get(i), column.comment()));
            converters.add(ValueConverters.forColumn(column, chosen.get(i), caps));
        }
        String partitionBy = selection.map(TableSelection::partitionBy).orElse(pipeline.target().partitionBy());
        TargetTable target = new TargetTable(database, name, columns, engine, orderBy, partitionBy);
        RowEncoder encoder = new RowEncoder(spec.columns().stream().map(ColumnSpec::name).toList(), chosen,
                converters);
        List<Integer> keyColumns = spec.primaryKey().stream().map(spec::indexOf).toList();
        return new TableMapping(spec, target, chosen, encoder, keyColumns, cursor);
    }

    private TargetTable.Engine engine(TableSpec spec, List<String> orderBy) {
        EngineChoice choice = pipeline.target().engine();
        return switch (choice) {
            case MERGE_TREE -> TargetTable.Engine.MERGE_TREE;
            case REPLACING_MERGE_TREE -> {
                if (orderBy.isEmpty()) {
                    throw new FerryException("table " + spec.id() + " has no primary key, so ReplacingMergeTree would "
                            + "collapse all its rows into one; set order_by for it or use engine: MergeTree");
                }
                yield TargetTable.Engine.REPLACING_MERGE_TREE;
            }
            case AUTO -> orderBy.isEmpty() ? TargetTable.Engine.MERGE_TREE : TargetTable.Engine.REPLACING_MERGE_TREE;
        };
    }

    private String cursor(TableSpec spec, Optional<TableSelection> selection) {
        if (pipeline.mode() != SyncMode.INCREMENTAL) {
            return null;
        }
        String cursor = selection.map(TableSelection::cursor).orElse(pipeline.cursor());
        if (cursor == null) {
            throw new FerryException("pipeline '" + pipeline.name() + "': table " + spec.id()
                    + " has no cursor column for incremental mode; set cursor on the table or the pipeline");
        }
        if (spec.column(cursor).isEmpty()) {
            throw new FerryException("pipeline '" + pipeline.name() + "': cursor column '" + cursor
                    + "' does not exist in " + spec.id() + "; columns: "
                    + String.join(", ", spec.columns().stream().map(ColumnSpec::name).toList()));
        }
        if (!spec.hasPrimaryKey()) {
            throw new FerryException("pipeline '" + pipeline.name() + "': table " + spec.id()
                    + " has no primary key, so incremental updates could not replace old rows; use mode: snapshot");
        }
        return cursor;
    }

    private Optional<TableSelection> selection(TableSpec spec) {
        return pipeline.source().selection(spec.id().qualified())
                .or(() -> pipeline.source().selection(spec.id().table()));
    }
}
