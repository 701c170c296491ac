package dev.ferry.orchestrator.task.types;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteIdentifier;
import static dev.ferry.clickhouse.ClickHouseGateway.quoteString;

import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskLog;
import dev.ferry.orchestrator.task.types.HttpSettings.Mode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes JSON records into a ClickHouse table as one {@code JSONEachRow} insert, shaping each record to
 * the table: fields the table lacks are left out (named once in the log), and values bound for text
 * columns become text (numbers as written, nested objects and arrays as JSON), so an API that nests or
 * mixes types still loads into the all-String tables {@code create_table} makes.
 */
final class JsonTableLoader {

    static final String LOADED_AT = "_loaded_at";
    private static final String STAGING_SUFFIX = "__ferry_new";
    private static final String OLD_SUFFIX = "__ferry_old";
    private static final Pattern WRAPPED = Pattern.compile("(?:Nullable|LowCardinality)\\((.*)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseSession session;
    private final TaskLog log;

    JsonTableLoader(ClickHouseSession session, TaskLog log) {
        this.session = session;
        this.log = log;
    }

    /** @return the records written */
    long load(String database, String table, List<ObjectNode> records, boolean createTable, Mode mode) {
        ClickHouseCatalog catalog = new ClickHouseCatalog(session.gateway());
        String target = quoteIdentifier(database) + "." + quoteIdentifier(table);
        Optional<Map<String, String>> existing = catalog.columns(database, table);
        Map<String, String> columns;
        if (existing.isPresent()) {
            columns = existing.get();
        } else if (!createTable) {
            throw new TaskFailure("table " + database + "." + table + " does not exist in ClickHouse (connection '"
                    + session.connection() + "'); create it first or set create_table: true");
        } else if (records.isEmpty()) {
            log.warn("no records, so no fields to create " + database + "." + table + " from; nothing loaded");
            return 0;
        } else {
            catalog.createDatabase(database);
            columns = create(target, records);
        }
        byte[] rows = shape(records, columns);
        List<String> written = new ArrayList<>(insertColumns(records, columns));
        if (written.isEmpty() && !records.isEmpty()) {
            throw new TaskFailure("none of the records' fields " + fieldNames(records) + " is a column of " + database
                    + "." + table + " " + columns.keySet());
        }
        if (mode == Mode.REPLACE && existing.isPresent()) {
            replace(database, table, written, rows, records.size());
        } else if (!records.isEmpty()) {
            insert(target, written, rows);
        }
        return records.size();
    }

    /** String columns for the records' fields, in order of first appearance, plus when they were loaded. */
    private Map<String, String> create(String target, List<ObjectNode> records) {
        Map<String, String> columns = new LinkedHashMap<>();
        fieldNames(records).stream().filter(name -> !name.isEmpty()).forEach(name -> columns.put(name, "String"));
        columns.putIfAbsent(LOADED_AT, "DateTime");
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(target).append(" (");
        columns.forEach((name, type) -> ddl.append(quoteIdentifier(name)).append(' ')
                .append(name.equals(LOADED_AT) ? "DateTime DEFAULT now()" : type).append(", "));
        ddl.setLength(ddl.length() - 2);
        // ordered by load time: an ext layer is read by "what came in when"; MergeTree works on every version
        ddl.append(") ENGINE = MergeTree ORDER BY ").append(quoteIdentifier(LOADED_AT));
        session.execute(ddl.toString());
        log.info("created " + target + " with " + (columns.size() - 1) + " String columns and " + LOADED_AT);
        return columns;
    }

    /** Loads into a new table of the same structure, then swaps it in: readers never see the table empty. */
    private void replace(String database, String table, List<String> columns, byte[] rows, int count) {
        String target = quoteIdentifier(database) + "." + quoteIdentifier(table);
        String staging = quoteIdentifier(database) + "." + quoteIdentifier(table + STAGING_SUFFIX);
        String old = quoteIdentifier(database) + "." + quoteIdentifier(table + OLD_SUFFIX);
        String engine = session.gateway().queryValue("SELECT engine FROM system.tables WHERE database = "
                + quoteString(database) + " AND name = " + quoteString(table));
        if (!engine.contains("MergeTree") && !engine.endsWith("Log") && !engine.equals("Memory")) {
            // a copy of a Distributed or View table shares the original's data: swapping would not replace it
            throw new TaskFailure("mode: replace swaps in a new copy of the table, which works for tables that keep"
                    + " their own rows (MergeTree, Log, Memory); " + database + "." + table + " is " + engine
                    + "; load into its underlying table instead");
        }
        session.execute("DROP TABLE IF EXISTS " + staging);
        session.execute("CREATE TABLE " + staging + " AS " + target);
        try {
            if (count > 0) {
                insert(staging, columns, rows);
            } else {
                log.warn("no records: " + target + " will be empty");
            }
            session.execute("DROP TABLE IF EXISTS " + old);
            session.execute("RENAME TABLE " + target + " TO " + old + ", " + staging + " TO " + target);
        } catch (RuntimeException e) {
            dropQuietly(staging);
            throw e;
        }
        session.execute("DROP TABLE " + old);
        log.info("replaced the rows of " + target);
    }

    private void insert(String target, List<String> columns, byte[] rows) {
        session.gateway().insert(target, columns, new ByteArrayInputStream(rows), ClickHouseFormat.JSONEachRow,
                Map.of());
    }

    private void dropQuietly(String table) {
        try {
            session.execute("DROP TABLE IF EXISTS " + table);
        } catch (RuntimeException cleanupFailed) {
            log.warn("could not drop " + table + ": " + cleanupFailed.getMessage());
        }
    }

    /** The table's columns that some record has a value for: the insert's column list. */
    private static Set<String> insertColumns(List<ObjectNode> records, Map<String, String> columns) {
        Set<String> present = new LinkedHashSet<>();
        for (ObjectNode record : records) {
            record.fieldNames().forEachRemaining(name -> {
                if (columns.containsKey(name)) {
                    present.add(name);
                }
            });
        }
        return present;
    }

    /** The records as JSONEachRow lines, each holding only the table's columns. */
    private byte[] shape(List<ObjectNode> records, Map<String, String> columns) {
        Set<String> dropped = new LinkedHashSet<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ObjectNode record : records) {
                ObjectNode row = JSON.createObjectNode();
                record.properties().forEach(field -> {
                    String type = columns.get(field.getKey());
                    if (type == null) {
                        dropped.add(field.getKey());
                    } else {
                        value(field.getValue(), type).ifPresent(value -> row.set(field.getKey(), value));
                    }
                });
                out.write(JSON.writeValueAsBytes(row));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!dropped.isEmpty()) {
            log.warn("fields not in the table, left out: " + String.join(", ", dropped.stream().limit(20).toList())
                    + (dropped.size() > 20 ? ", ..." : ""));
        }
        return out.toByteArray();
    }

    /** A value as the column takes it; empty leaves the column to its default (a null for a non-Nullable). */
    private static Optional<JsonNode> value(JsonNode value, String columnType) {
        boolean nullable = columnType.startsWith("Nullable(") || columnType.startsWith("LowCardinality(Nullable(");
        if (value.isNull()) {
            return nullable ? Optional.of(value) : Optional.empty();
        }
        String base = unwrapped(columnType);
        if ((base.equals("String") || base.startsWith("FixedString(")) && !value.isTextual()) {
            return Optional.of(JSON.getNodeFactory().textNode(value.isValueNode() ? value.asText() : value.toString()));
        }
        return Optional.of(value);
    }

    private static String unwrapped(String type) {
        String current = type;
        Matcher wrapped = WRAPPED.matcher(current);
        while (wrapped.matches()) {
            current = wrapped.group(1);
            wrapped = WRAPPED.matcher(current);
        }
        return current;
    }

    private static List<String> fieldNames(List<ObjectNode> records) {
        Set<String> names = new LinkedHashSet<>();
        records.forEach(record -> record.fieldNames().forEachRemaining(names::add));
        return new ArrayList<>(names);
    }
}
