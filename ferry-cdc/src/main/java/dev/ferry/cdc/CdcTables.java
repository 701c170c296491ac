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
import dev.ferry.sync.NewColumnValues;
import dev.ferry.sync.PipelineSync;
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
    /** Per table (by name), the columns whose values are read back from the source (see RefillColumns). */
    private final Map<String, RefillColumns.Plan> refill = new java.util.HashMap<>();

    private final PipelineSync reloads;
    private final ChangeCounts counts;
    private final InitialLoadGate initialLoad;

    CdcTables(PipelineConfig pipeline, JdbcEndpoint source, ClickHouseGateway clickhouse, ServerCapabilities caps,
            PipelineSync reloads, ChangeCounts counts, InitialLoadGate initialLoad) {
        this.pipeline = pipeline;
        this.reloads = reloads;
        this.counts = counts;
        this.initialLoad = initialLoad;
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

    /**
     * The table a change belongs to, creating the target of a new table the pipeline selects (and loading its
     * rows below the change's {@code version}); null if none.
     */
    TableMapping find(String qualifiedName, long version) {
        TableMapping known = tables.get(qualifiedName);
        if (known != null || ignored.contains(qualifiedName)) {
            return known;
        }
        if (!pipeline.source().matches(qualifiedName)) {
            ignored.add(qualifiedName);
            LOG.warn("pipeline {}: changes of source table {} arrive although the pipeline does not select it; they "
                    + "are not applied (counted as ignored in the status)", pipeline.name(), qualifiedName);
            return null;
        }
        if (!listed(qualifiedName)) {
            ignored.add(qualifiedName);
            LOG.warn("pipeline {}: changes of {} arrive, which is not a table Ferry syncs on its own (a partition "
                    + "whose changes should arrive under its partitioned table, or a view); they are not applied "
                    + "(counted as ignored in the status). docs/cdc.md, 'Partitioned tables'", pipeline.name(),
                    qualifiedName);
            return null;
        }
        LOG.info("pipeline {}: new source table {} follows the pipeline's patterns; creating its target and "
                + "loading the rows it has", pipeline.name(), qualifiedName);
        TableMapping table = register(mapper.map(describe(TableId.parse(qualifiedName, source.database()))));
        // rows can exist without a change event of their own: CREATE TABLE ... AS SELECT (PostgreSQL does not
        // publish its rows) or a table renamed into the pattern. They are read below this first change.
        reload(table, version);
        return table;
    }

    /**
     * Reads the table's rows into its target at the version just below {@code version}: the changes before
     * lose to them, the changes from {@code version} on win. Recorded first, so a crash resumes it.
     */
    private void reload(TableMapping table, long version) {
        long below = Math.max(0, version - 1);
        try {
            // one load of a table at a time: the initial snapshot may still be loading this one
            initialLoad.awaitSnapshot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted while waiting for the initial snapshot before reading "
                    + table.name() + " again", e);
        }
        reloads.markLiveReload(table, below);
        reloads.snapshotIntoLiveTargets(List.of(table), false, below, new SnapshotCounting(counts));
    }

    /**
     * {@code schema.table.column} of every column whose value is always read back from the source: Debezium can
     * leave them out of its events ({@code column.exclude.list}), which also keeps it from failing on values it
     * cannot decode.
     */
    List<String> alwaysReadColumns() {
        List<String> names = new java.util.ArrayList<>();
        for (TableMapping table : tables.values()) {
            java.util.BitSet always = refillColumns(table).always();
            always.stream().forEach(i -> names.add(table.name() + "." + table.source().columns().get(i).name()));
        }
        return names;
    }

    /** Which columns of {@code table} are read back from the source rather than taken from a change. */
    RefillColumns.Plan refillColumns(TableMapping table) {
        return refill.getOrDefault(table.name(), RefillColumns.Plan.NONE);
    }

    /** Whether the source lists the table among those a pipeline can select (partitions are not). */
    private boolean listed(String qualifiedName) {
        try (Connection conn = DataSources.connect(source)) {
            return SourceCatalog.of(source.kind()).listTables(conn).stream()
                    .anyMatch(id -> id.qualified().equals(qualifiedName));
        } catch (SQLException e) {
            throw new FerryException("cannot list the tables of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Whether changes with this row-image schema are known to fit the table as it is. */
    boolean checked(Schema image) {
        return checked.containsKey(image);
    }

    /**
     * The table as it must be for a change whose row image has the schema {@code image}. Debezium makes a new
     * schema object whenever the table's columns or types change, so a schema not seen before makes Ferry
     * describe the table again and alter its target to match (once per table and change, not per row).
     *
     * @param version the change's {@code _version}; a reload of the table's rows, when the change needs one,
     *                is written just below it
     */
    TableMapping follow(TableMapping table, Schema image, long version) {
        if (checked.containsKey(image)) {
            return table;
        }
        TableMapping current = evolve(table, version);
        checked.put(image, Boolean.TRUE);
        return current;
    }

    private TableMapping evolve(TableMapping table, long version) {
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
            put(wanted);
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
        List<String> newColumns = diff.newColumns();
        // existing rows got values in the new columns without change events (a DEFAULT, a generated column, or
        // a rename Ferry cannot tell from a drop and an add): the table's rows are read again, below the version
        // of this change, so that later changes still win. Marked first, so a crash resumes the reload.
        boolean reload = !newColumns.isEmpty() && NewColumnValues.anyValue(source, wanted, newColumns);
        if (reload) {
            // marked before ClickHouse changes, so that a crash in between still reloads on the next start
            reloads.markLiveReload(wanted, Math.max(0, version - 1));
        }
        try {
            apply(target, diff);
        } catch (RuntimeException e) {
            throw new FerryException("cannot follow the schema change of " + table.name() + " in ClickHouse: "
                    + e.getMessage() + "; resync the table as docs/cdc.md, 'Resyncing', describes", e);
        }
        put(wanted);
        if (reload) {
            LOG.info("pipeline {}: existing rows of {} have values in {}, which came without change events; "
                    + "reading the table again", pipeline.name(), table.name(), newColumns);
            reload(wanted, version);
        }
        return wanted;
    }

    /**
     * Brings the columns of a target that is about to be loaded in full up to the source's. A kill between
     * marking a table's reload (after ADD COLUMN ... DEFAULT, say) and altering its ClickHouse table leaves the
     * target behind the mapping the resumed load writes with: every insert then failed ("No such column").
     * The load rewrites every row, so no change event is needed for the new columns' values.
     */
    void alignForLoad(TableMapping table) {
        TargetTable target = table.target();
        new ClickHouseCatalog(clickhouse).columns(target.database(), target.name()).ifPresent(existing -> {
            SchemaDiff diff = SchemaDiff.of(existing, target);
            if (!diff.isEmpty() && diff.changed().isEmpty()) {
                LOG.info("pipeline {}: {} changed at the source before the last run stopped: added {}, dropped {}, "
                        + "renamed {}", pipeline.name(), table.name(),
                        diff.added().stream().map(added -> added.column().name()).toList(), diff.dropped(),
                        diff.renamed().stream().map(r -> r.from() + " -> " + r.to()).toList());
                apply(target, diff);
            }
        });
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
        put(cdc);
        return cdc;
    }

    /** Records the table's current mapping and which of its columns may arrive unsent. */
    private void put(TableMapping table) {
        try (Connection conn = DataSources.connect(source)) {
            refill.put(table.name(), RefillColumns.of(conn, source.kind(), table.source().id(),
                    table.source().columns(), table.keyColumns()));
        } catch (SQLException e) {
            throw new FerryException("cannot read the generated columns of " + table.name() + ": " + e.getMessage(), e);
        }
        tables.put(table.name(), table);
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
