package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.clickhouse.types.ChTypes;
import dev.ferry.clickhouse.types.TypeRanges;
import dev.ferry.core.FerryException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.core.schema.TemporalRange;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.jdbc.read.ColumnRanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the ClickHouse type of each column among its lossless {@linkplain ChTypes#choices choices}. Most
 * columns have one; a date or time column has several (Date → Date32 → String, DateTime → DateTime64 →
 * String), and which one fits depends on the column's values and on what the target table already has.
 *
 * <p>The rule is what keeps mappings stable. Once a target exists, everything that reads or writes it (the next
 * incremental run, {@code ferry validate}, schema evolution, CDC) must use the type it has, or it would see a
 * "type change" where there is none. Only a snapshot, which builds a new table, looks at the values again:
 *
 * <ul>
 *   <li>{@link #followTarget}: the target's type when it is one of the column's choices; otherwise (a new
 *       table or column) the narrowest choice that holds the column's values.</li>
 *   <li>{@link #forSnapshot}: the target's type when it still holds the column's values, else the narrowest
 *       that does, so a table's types only ever widen from one snapshot to the next; with {@code full}
 *       ({@code ferry sync --full}) the narrowest that holds them, whatever the target had.</li>
 * </ul>
 *
 * The values are read (one MIN/MAX query per table, {@link ColumnRanges}) only for the columns that need it.
 */
public final class TypeChoice {

    private static final Logger LOG = LoggerFactory.getLogger(TypeChoice.class);

    /** The earliest and latest values of some columns of a table. */
    @FunctionalInterface
    public interface RangeProbe {
        Map<String, TemporalRange> ranges(TableSpec table, List<ColumnSpec> columns);
    }

    /** The columns of a target table, name to type as ClickHouse spells it; empty when there is no such table. */
    @FunctionalInterface
    public interface TargetColumns {
        Map<String, String> of(String database, String table);
    }

    private enum Rule { FOLLOW_TARGET, KEEP_WHAT_HOLDS, NARROWEST }

    private final Rule rule;
    private final TargetColumns targets;
    private final RangeProbe probe;

    private TypeChoice(Rule rule, TargetColumns targets, RangeProbe probe) {
        this.rule = rule;
        this.targets = targets;
        this.probe = probe;
    }

    /** For everything that works with the target as it is: incremental runs, validation, CDC. */
    public static TypeChoice followTarget(JdbcEndpoint source, ClickHouseGateway clickhouse) {
        return followTarget(targets(clickhouse), sourceRanges(source));
    }

    /** For a snapshot, which replaces the target; {@code full} re-decides from the values alone. */
    public static TypeChoice forSnapshot(JdbcEndpoint source, ClickHouseGateway clickhouse, boolean full) {
        return forSnapshot(targets(clickhouse), sourceRanges(source), full);
    }

    static TypeChoice followTarget(TargetColumns targets, RangeProbe probe) {
        return new TypeChoice(Rule.FOLLOW_TARGET, targets, probe);
    }

    static TypeChoice forSnapshot(TargetColumns targets, RangeProbe probe, boolean full) {
        return new TypeChoice(full ? Rule.NARROWEST : Rule.KEEP_WHAT_HOLDS, targets, probe);
    }

    /**
     * The types of {@code spec}'s columns, in column order, for the target table {@code database.table}.
     *
     * @param keys the columns of the ORDER BY key, which cannot be Nullable
     */
    public List<ChType> choose(TableSpec spec, String database, String table, Set<String> keys,
            ServerCapabilities caps) {
        Map<String, String> existing = rule == Rule.NARROWEST ? Map.of() : targets.of(database, table);
        List<ChType> chosen = new ArrayList<>();
        List<ColumnSpec> undecided = new ArrayList<>();
        for (ColumnSpec column : spec.columns()) {
            List<ChType> choices = ChTypes.choices(column, caps, keys.contains(column.name()));
            Optional<ChType> current = choices.stream().filter(c -> c.sql().equals(existing.get(column.name())))
                    .findFirst();
            // text holds every value, so keeping it needs no look at the values either
            boolean keep = current.isPresent() && (rule == Rule.FOLLOW_TARGET
                    || (rule == Rule.KEEP_WHAT_HOLDS && TypeRanges.of(current.get(), caps).equals(TemporalRange.ALL)));
            if (choices.size() == 1 || keep) {
                chosen.add(choices.size() == 1 ? choices.get(0) : current.get());
            } else {
                chosen.add(null);
                undecided.add(column);
            }
        }
        if (undecided.isEmpty()) {
            return chosen;
        }
        Map<String, TemporalRange> ranges = probe.ranges(spec, undecided);
        for (ColumnSpec column : undecided) {
            boolean key = keys.contains(column.name());
            TemporalRange values = ranges.getOrDefault(column.name(), TemporalRange.ALL);
            ChType narrowest = ChTypes.narrowest(column, caps, key, values);
            ChType current = ChTypes.choices(column, caps, key).stream()
                    .filter(c -> c.sql().equals(existing.get(column.name()))).findFirst().orElse(null);
            boolean keep = current != null && values.within(TypeRanges.of(current, caps));
            ChType type = keep ? current : narrowest;
            chosen.set(spec.indexOf(column.name()), type);
            explain(spec, column, caps, key, values, type, narrowest);
        }
        return chosen;
    }

    /** Says why a column did not get its usual type, so that a String where a Date was expected is no riddle. */
    private static void explain(TableSpec spec, ColumnSpec column, ServerCapabilities caps, boolean key,
            TemporalRange values, ChType type, ChType narrowest) {
        ChType usual = ChTypes.forColumn(column, caps, key);
        if (type.equals(usual)) {
            return;
        }
        if (type.equals(narrowest)) {
            LOG.info("{}: column {} has values {}, beyond ClickHouse {}'s {}; it becomes {} "
                    + "(docs/type-mapping.md, 'Dates outside a type's range')", spec.id().qualified(), column.name(),
                    values, usual.sql(), TypeRanges.describe(usual, caps), type.sql());
        } else {
            LOG.info("{}: column {} keeps its target's type {}, which holds its values {}; ferry sync --full would "
                    + "choose {}", spec.id().qualified(), column.name(), type.sql(), values, narrowest.sql());
        }
    }

    private static TargetColumns targets(ClickHouseGateway clickhouse) {
        ClickHouseCatalog catalog = new ClickHouseCatalog(clickhouse);
        return (database, table) -> catalog.columns(database, table).orElse(Map.of());
    }

    private static RangeProbe sourceRanges(JdbcEndpoint source) {
        return (table, columns) -> {
            try (Connection conn = DataSources.connect(source)) {
                return ColumnRanges.read(conn, new SourceSql(source.kind()), table, columns);
            } catch (SQLException e) {
                throw new FerryException("cannot read the earliest and latest values of "
                        + String.join(", ", columns.stream().map(ColumnSpec::name).toList()) + " in "
                        + table.id().qualified() + " (Ferry picks their ClickHouse types from them): "
                        + e.getMessage(), e);
            }
        };
    }
}
