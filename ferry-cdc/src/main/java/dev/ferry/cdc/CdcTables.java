package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.SchemaDiff;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.schema.SourceCatalog;
import dev.ferry.sync.SourceTables;
import dev.ferry.sync.TableMapper;
import dev.ferry.sync.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's CDC tables and their ClickHouse targets, kept in step with the source while streaming: a
 * change whose row image has other columns than Ferry knows makes it describe the table again and add, drop
 * or rename target columns; a change of a table created after the start that the pipeline's patterns select
 * creates its target. Type changes stop the pipeline with how to resync.
 */
final class CdcTables {

    private static final Logger LOG = LoggerFactory.getLogger(CdcTables.class);

    private final PipelineConfig pipeline;
    private final JdbcEndpoint source;
    private final ClickHouseGateway clickhouse;
    private final ServerCapabilities caps;
    private final TableMapper mapper;
    private final Map<String, TableMapping> tables = new LinkedHashMap<>();
    /** Row-image schemas already checked against each table's columns (Debezium reuses the objects). */
    private final Map<Schema, Boolean> checked = new IdentityHashMap<>();
    private final Set<String> ignored = new HashSet<>();

    CdcTables(PipelineConfig pipeline, JdbcEndpoint source, ClickHouseGateway clickhouse, ServerCapabilities caps) {
        this.pipeline = pipeline;
        this.source = source;
        this.clickhouse = clickhouse;
        this.caps = caps;
        this.mapper = TableMapper.followingTargets(pipeline, source, clickhouse);
    }

    /** Describes the pipeline's tables and creates their targets. */
    void prepare() {
        for (TableMapping mapped : SourceTables.map(source, pipeline, mapper, null)) {
            register(mapped);
        }
    }

    Collection<TableMapping> all() {
        return tables.values();
    }

    List<TableId> ids() {
        return tables.values().stream().map(t -> t.source().id()).toList();
    }

    /** The table a change belongs to, creating the target of a new table the pipeline selects; null if none. */
    TableMapping find(String qualifiedName) {
        TableMapping known = tables.get(qualifiedName);
        if (known != null || ignored.contains(qualifiedName)) {
            return known;
        }
        if (!pipeline.source().matches(qualifiedName)) {
            ignored.add(qualifiedName);
            return null;
        }
        LOG.info("pipeline {}: new source table {} follows the pipeline's patterns; creating its target",
                pipeline.name(), qualifiedName);
        return register(mapper.map(describe(TableId.parse(qualifiedName, source.database()))));
    }

    /** Whether changes with this row-image schema are known to fit the table as it is. */
    boolean checked(Schema image) {
        return checked.containsKey(image);
    }

    /**
     * The table as it must be for a change whose row image has the schema {@code image}. Debezium makes a new
     * schema object whenever the table's columns or types change, so a schema not seen before makes Ferry
     * describe the table again and alter its target to match (once per table and change, not per row).
     */
    TableMapping follow(TableMapping table, Schema image) {
        if (checked.containsKey(image)) {
            return table;
        }
        TableMapping current = evolve(table);
        checked.put(image, Boolean.TRUE);
        return current;
    }

    private TableMapping evolve(TableMapping table) {
        TableMapping wanted = cdcMapping(mapper.map(describe(table.source().id())));
        TargetTable target = wanted.target();
        Map<String, String> existing = new ClickHouseCatalog(clickhouse).columns(target.database(), target.name())
                .orElseThrow(() -> new FerryException("target table " + target.database() + "." + target.name()
                        + " of " + table.name() + " is gone; resync the pipeline (docs/cdc.md, 'Resyncing')"));
        SchemaDiff diff = SchemaDiff.of(existing, target);
        if (diff.isEmpty()) {
            if (wanted.source().equals(table.source())) {
                return table;
            }
            tables.put(wanted.name(), wanted);
            return wanted;
        }
        if (!diff.changed().isEmpty()) {
            SchemaDiff.Changed change = diff.changed().get(0);
            throw new FerryException("column " + change.column() + " of " + table.name() + " changed type: ClickHouse "
                    + "has " + change.current() + " but the source now maps to " + change.wanted() + ". Ferry does "
                    + "not convert columns in place; resync the table as docs/cdc.md, 'Resyncing', describes");
        }
        LOG.info("pipeline {}: {} changed at the source: added {}, dropped {}, renamed {}", pipeline.name(),
                table.name(), diff.added().stream().map(a -> a.column().name()).toList(), diff.dropped(),
                diff.renamed().stream().map(r -> r.from() + " -> " + r.to()).toList());
        try {
            apply(target, diff);
        } catch (RuntimeException e) {
            throw new FerryException("cannot follow the schema change of " + table.name() + " in ClickHouse: "
                    + e.getMessage() + "; resync the table as docs/cdc.md, 'Resyncing', describes", e);
        }
        tables.put(wanted.name(), wanted);
        return wanted;
    }

    private void apply(TargetTable target, SchemaDiff diff) {
        for (SchemaDiff.Renamed rename : diff.renamed()) {
            if (caps.renameColumn()) {
                clickhouse.execute(TableDdl.renameColumn(target, rename.from(), rename.to()));
            } else {
                // 18.x-20.3 have no RENAME COLUMN: add the new column, copy the values over, drop the old one
                var column = target.columns().stream().filter(c -> c.name().equals(rename.to())).findFirst().orElseThrow();
                clickhouse.execute(TableDdl.addColumn(target, column, rename.from()));
                clickhouse.execute(TableDdl.copyColumn(target, rename.from(), rename.to()));
                awaitMutations(target);
                clickhouse.execute(TableDdl.dropColumn(target, rename.from()));
            }
        }
        for (SchemaDiff.Added add : diff.added()) {
            clickhouse.execute(TableDdl.addColumn(target, add.column(), add.after()));
        }
        for (String dropped : diff.dropped()) {
            clickhouse.execute(TableDdl.dropColumn(target, dropped));
        }
        if (target.deletes() == TargetTable.Deletes.COLUMN) {
            // the view's column list is fixed when it is created
            clickhouse.execute(TableDdl.dropCurrentView(target));
            clickhouse.execute(TableDdl.currentView(target));
        }
    }

    private void awaitMutations(TargetTable target) {
        String pending = "SELECT count() FROM system.mutations WHERE database = "
                + ClickHouseGateway.quoteString(target.database()) + " AND table = "
                + ClickHouseGateway.quoteString(target.name()) + " AND is_done = 0";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
        while (clickhouse.queryLong(pending) > 0) {
            if (System.nanoTime() > deadline) {
                throw new FerryException("the column copy of " + target.qualifiedName() + " did not finish in 30 "
                        + "minutes (see system.mutations)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException("interrupted while waiting for the column copy of " + target.qualifiedName());
            }
        }
    }

    private TableMapping register(TableMapping mapped) {
        if (!mapped.keyed()) {
            throw new FerryException("table " + mapped.name() + " has no primary key; CDC needs one to apply "
                    + "updates and deletes (add a key, or sync it in snapshot mode in another pipeline)");
        }
        TableMapping cdc = cdcMapping(mapped);
        clickhouse.execute(TableDdl.create(cdc.target()));
        if (cdc.target().deletes() == TargetTable.Deletes.COLUMN) {
            clickhouse.execute(TableDdl.currentView(cdc.target()));
        }
        tables.put(cdc.name(), cdc);
        return cdc;
    }

    private TableMapping cdcMapping(TableMapping mapped) {
        TargetTable.Deletes deletes = caps.replacingIsDeleted() ? TargetTable.Deletes.ENGINE_COLUMN
                : TargetTable.Deletes.COLUMN;
        return new TableMapping(mapped.source(), mapped.target().withDeletes(deletes), mapped.types(),
                mapped.encoder(), mapped.keyColumns(), null);
    }

    private dev.ferry.core.schema.TableSpec describe(TableId id) {
        try (Connection conn = DataSources.connect(source)) {
            return SourceCatalog.of(source.kind()).describe(conn, id);
        } catch (SQLException e) {
            throw new FerryException("cannot describe source table " + id.qualified() + ": " + e.getMessage(), e);
        }
    }
}
