package dev.ferry.orchestrator.task.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query returned, cut down to what a task can log and hand on: the column names, the first rows and
 * how many rows there were in all. Values are ClickHouse's text; SQL NULL is null.
 *
 * @param rows     the first rows, at most as many as the caller asked to keep
 * @param rowCount every row the query returned
 */
public record QueryResult(List<String> columns, List<List<String>> rows, long rowCount) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The first column of the first row, or null when there is no row. */
    public String value() {
        return rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
    }

    /** The first row by column name (later duplicates of a name win), empty when there is no row. */
    public Map<String, Object> firstRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            for (int i = 0; i < columns.size() && i < rows.get(0).size(); i++) {
                row.put(columns.get(i), rows.get(0).get(i));
            }
        }
        return row;
    }
}
