package dev.ferry.sync;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.core.schema.TableId;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.schema.SourceCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which source tables a pipeline covers, described from the source catalog. */
public final class SourceTables {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SourceTables.class);

    private SourceTables() {
    }

    public static List<TableSpec> describe(Connection conn, SourceCatalog catalog, PipelineConfig pipeline,
            String onlyTable) throws SQLException {
        List<TableId> available = catalog.listTables(conn);
        Set<TableId> chosen = new TreeSet<>();
        for (TableId id : available) {
            if (pipeline.source().matches(id.qualified())) {
                chosen.add(id);
            }
        }
        for (var selection : pipeline.source().tables()) {
            TableId id = TableId.parse(selection.name(), conn.getCatalog());
            if (!available.contains(id)) {
                throw new FerryException("pipeline '" + pipeline.name() + "': table " + selection.name()
                        + " not found in the source; available: " + names(available));
            }
        }
        Set<TableId> selected = Set.copyOf(chosen); // the pipeline's tables, whatever --table picks of them
        if (onlyTable != null) {
            chosen.removeIf(id -> !id.qualified().equals(onlyTable) && !id.table().equals(onlyTable));
            if (chosen.isEmpty()) {
                throw new FerryException("pipeline '" + pipeline.name() + "' has no table '" + onlyTable
                        + "'; its tables are chosen by source.tables/include/exclude");
            }
        }
        if (chosen.isEmpty()) {
            throw new FerryException("pipeline '" + pipeline.name() + "' selects no source table; available: "
                    + names(available));
        }
        List<TableSpec> specs = new ArrayList<>();
        for (TableId id : chosen) {
            specs.add(inheritance(catalog.describe(conn, id), selected, pipeline));
        }
        return specs;
    }

    /**
     * How a PostgreSQL inheritance parent is read. A plain SELECT of a parent returns its children's rows too:
     * when the pipeline syncs children as tables of their own, the parent is read {@code FROM ONLY} so that no
     * row lands twice. A CDC pipeline always reads it so, because the children's changes stream under the
     * children's names and would never reach the parent's target. A batch pipeline that selects none of the
     * children reads the parent as a plain SELECT shows it, children's rows included.
     */
    private static TableSpec inheritance(TableSpec spec, Set<TableId> selected, PipelineConfig pipeline) {
        if (spec.inheritanceChildren().isEmpty()) {
            return spec;
        }
        List<String> notSelected = spec.inheritanceChildren().stream().filter(child -> !selected.contains(child))
                .map(TableId::qualified).toList();
        boolean cdc = pipeline.mode() == SyncMode.CDC;
        if (!cdc && notSelected.size() == spec.inheritanceChildren().size()) {
            return new TableSpec(spec.id(), spec.columns(), spec.primaryKey(), spec.comment());
        }
        if (!notSelected.isEmpty()) {
            LOG.warn("pipeline {}: {} has inheritance children {} that the pipeline does not select; {} is read "
                    + "FROM ONLY (its own rows) because {}, so their rows are not synced: add them to source.tables "
                    + "or include", pipeline.name(), spec.id().qualified(), notSelected, spec.id().qualified(),
                    cdc ? "their changes stream under their own names" : "other children are synced as tables");
        }
        return spec;
    }

    /** Describes the pipeline's tables on a fresh connection. */
    public static List<TableSpec> describe(JdbcEndpoint source, PipelineConfig pipeline, String onlyTable) {
        try (Connection conn = DataSources.connect(source)) {
            return describe(conn, SourceCatalog.of(source.kind()), pipeline, onlyTable);
        } catch (SQLException e) {
            throw new FerryException("cannot read the tables of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Describes the pipeline's tables on a fresh connection and maps them to their ClickHouse targets. */
    public static List<TableMapping> map(JdbcEndpoint source, PipelineConfig pipeline, TableMapper mapper,
            String onlyTable) {
        return describe(source, pipeline, onlyTable).stream().map(mapper::map).toList();
    }

    private static String names(List<TableId> ids) {
        return ids.isEmpty() ? "(none)" : String.join(", ", ids.stream().map(TableId::qualified).toList());
    }
}
