package dev.ferry.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a pipeline's {@code source}: its connection and which tables to copy. */
final class SourceParser {

    private static final List<String> FIELDS = List.of("connection", "tables", "include", "exclude");
    private static final List<String> TABLE_FIELDS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("name", "cursor", "order_by", "partition_by"),
            SyncRulesParser.FIELDS.stream()).toList();
    private static final Set<ConnectionType> SOURCE_TYPES = Set.of(ConnectionType.POSTGRES, ConnectionType.MYSQL);

    private final Problems problems;
    private final DeclaredConnections connections;

    SourceParser(Problems problems, DeclaredConnections connections) {
        this.problems = problems;
        this.connections = connections;
    }

    /**
     * @param cursor the pipeline's default cursor, which incremental tables without their own rely on
     * @return null when something is wrong (reported)
     */
    SourceConfig parse(YamlMap source, SyncMode mode, String cursor) {
        source.rejectUnknown(FIELDS);
        Optional<Scalar> connection = source.requiredScalar("connection");
        connection.ifPresent(name -> connections.checkReference(name.text(), SOURCE_TYPES, "a source")
                .ifPresent(name::report));
        // a connection of the wrong type has been reported; its table names are then taken as written
        Optional<ConnectionType> type = connection.flatMap(name -> connections.type(name.text()))
                .filter(SOURCE_TYPES::contains);
        // MySQL has no schemas inside a database, so a bare table name means one in the connection's database
        String defaultSchema = type.filter(ConnectionType.MYSQL::equals)
                .flatMap(mysql -> connections.get(connection.get().text()))
                .map(ConnectionConfig::database)
                .orElse(null);

        List<TableSelection> tables = tables(source, type.orElse(null), defaultSchema, mode, cursor);
        List<String> include = qualifyPatterns(source.strings("include"), defaultSchema);
        List<String> exclude = qualifyPatterns(source.strings("exclude"), defaultSchema);
        if (isEmptyList(source, "tables") && isEmptyList(source, "include")) {
            problems.add(source.node(), source.field("tables"), "list tables or give include patterns (or both)");
        }
        return connection.map(name -> new SourceConfig(name.text(), tables, include, exclude)).orElse(null);
    }

    private List<TableSelection> tables(YamlMap source, ConnectionType type, String defaultSchema, SyncMode mode,
                                        String pipelineCursor) {
        List<Node> items = source.list("tables");
        List<TableSelection> tables = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = source.field("tables") + "[" + i + "]";
            TableSelection table = table(item, path, type, defaultSchema, mode);
            if (table == null) {
                continue;
            }
            Node first = seen.putIfAbsent(table.name(), item);
            if (first != null) {
                problems.add(item, path, "table " + table.name() + " is listed twice; first at line "
                        + YamlNodes.line(first));
            } else if (mode == SyncMode.INCREMENTAL && table.cursor() == null && pipelineCursor == null) {
                problems.add(item, path, "incremental mode needs a cursor column: set cursor on the table or on the"
                        + " pipeline");
            }
            tables.add(table);
        }
        return tables;
    }

    /** A table entry is either just its name or a mapping with its name and settings. Null if reported. */
    private TableSelection table(Node item, String path, ConnectionType type, String defaultSchema, SyncMode mode) {
        if (YamlNodes.isNull(item)) {
            problems.add(item, path, "expected a table name, got nothing");
            return null;
        }
        if (item instanceof ScalarNode) {
            return Scalar.of(item, path, problems)
                    .map(name -> qualify(name, type, defaultSchema))
                    .map(name -> new TableSelection(name, null, List.of(), null))
                    .orElse(null);
        }
        return YamlMap.of(item, path, problems).map(table -> {
            table.rejectUnknown(TABLE_FIELDS);
            String name = table.requiredScalar("name").map(value -> qualify(value, type, defaultSchema)).orElse(null);
            String cursor = table.string("cursor", null);
            List<String> orderBy = table.strings("order_by");
            String partitionBy = table.string("partition_by", null);
            SyncRulesParser.rejectOutsideTheirModes(table, mode);
            CursorLookback lookback = SyncRulesParser.cursorLookback(table);
            NullCursorRule nullCursor = SyncRulesParser.nullCursor(table);
            DeadLetterLimit maxDeadLetters = SyncRulesParser.maxDeadLetters(table);
            return name == null ? null
                    : new TableSelection(name, cursor, orderBy, partitionBy, lookback, nullCursor, maxDeadLetters);
        }).orElse(null);
    }

    /** Unset or {@code []}; a value of the wrong kind is not empty, as it has been reported already. */
    private static boolean isEmptyList(YamlMap map, String key) {
        return map.value(key).map(value -> value instanceof SequenceNode list && list.getValue().isEmpty()).orElse(true);
    }

    /**
     * Names are kept as {@code schema.table} so they compare equal to what catalogs report. The first dot
     * ends the schema: a table name may hold dots ({@code public.orders.v2} is table {@code orders.v2}), a
     * schema name cannot be written here. When the connection's type is unknown (reported elsewhere) the
     * name is taken as written.
     */
    private static String qualify(Scalar name, ConnectionType type, String defaultSchema) {
        String text = name.text().trim();
        String[] parts = text.split("\\.", 2);
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() || type == null) {
            return text;
        }
        if (type == ConnectionType.MYSQL && parts.length == 1 && !text.isEmpty()) {
            return defaultSchema == null ? text : defaultSchema + "." + text;
        }
        name.report(type == ConnectionType.MYSQL ? "expected table or database.table, got '" + text + "'"
                : "expected schema.table such as public.users, got '" + text + "'");
        return null;
    }

    /** Like table names, MySQL patterns without a schema part apply to the connection's database. */
    private static List<String> qualifyPatterns(List<String> patterns, String defaultSchema) {
        return patterns.stream()
                .map(pattern -> defaultSchema == null || pattern.contains(".") ? pattern : defaultSchema + "." + pattern)
                .toList();
    }
}
