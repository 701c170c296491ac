package dev.ferry.clickhouse.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an existing ClickHouse table's columns differ from the columns the source now maps to.
 *
 * <p>A rename cannot be told from a drop plus an add by looking at names: Ferry takes exactly one dropped and
 * one added column of the same type at the same position among the source's columns to be a rename (what
 * {@code RENAME COLUMN} does in PostgreSQL and MySQL). Dropping the last column and adding another of the
 * same type between two changes of the table looks the same; docs/cdc.md says so.
 *
 * @param added   columns to add, each with the column it follows (null for the first)
 * @param dropped columns the source no longer has
 * @param renamed old name to new name
 * @param changed columns whose ClickHouse type would change, which Ferry does not do in place
 */
public record SchemaDiff(List<Added> added, List<String> dropped, List<Renamed> renamed, List<Changed> changed) {

    public record Added(TargetColumn column, String after) {
    }

    public record Renamed(String from, String to) {
    }

    public record Changed(String column, String current, String wanted) {
    }

    private static final Set<String> FERRY_COLUMNS = Set.of(TargetTable.VERSION_COLUMN, TargetTable.DELETED_COLUMN);

    /**
     * @param existing the table's columns in ClickHouse, name to type, in table order
     * @param wanted   the table as the source maps to it now
     */
    public static SchemaDiff of(Map<String, String> existing, TargetTable wanted) {
        List<Added> added = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        List<TargetColumn> columns = wanted.columns();
        for (int i = 0; i < columns.size(); i++) {
            TargetColumn column = columns.get(i);
            String current = existing.get(column.name());
            if (current == null) {
                added.add(new Added(column, i == 0 ? null : columns.get(i - 1).name()));
            } else if (!current.equals(column.type().sql())) {
                changed.add(new Changed(column.name(), current, column.type().sql()));
            }
        }
        Set<String> wantedNames = new java.util.HashSet<>(columns.stream().map(TargetColumn::name).toList());
        List<String> existingSource = existing.keySet().stream().filter(n -> !FERRY_COLUMNS.contains(n)).toList();
        List<String> dropped = new ArrayList<>(existingSource.stream().filter(n -> !wantedNames.contains(n)).toList());
        List<Renamed> renamed = new ArrayList<>();
        if (dropped.size() == 1 && added.size() == 1) {
            String from = dropped.get(0);
            TargetColumn to = added.get(0).column();
            boolean samePosition = existingSource.indexOf(from) == columns.indexOf(to);
            if (samePosition && existing.get(from).equals(to.type().sql())) {
                renamed.add(new Renamed(from, to.name()));
                dropped.clear();
                added.clear();
            }
        }
        return new SchemaDiff(added, dropped, renamed, changed);
    }

    /** The columns the target gains under a new name: added ones and the new names of renamed ones. */
    public List<String> newColumns() {
        List<String> names = new ArrayList<>(added.stream().map(a -> a.column().name()).toList());
        renamed.forEach(r -> names.add(r.to()));
        return names;
    }

    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty() && renamed.isEmpty() && changed.isEmpty();
    }
}
