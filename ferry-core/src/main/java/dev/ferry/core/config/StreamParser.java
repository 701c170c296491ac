package dev.ferry.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the source of a {@code mode: stream} pipeline: a Kafka connection, topics, format and columns. */
final class StreamParser {

    static final List<String> SOURCE_FIELDS = List.of("connection", "topics", "topic_pattern", "group", "format",
            "start", "columns", "infer_sample", "csv_delimiter", "dead_letter_topic", "enrich");
    /** Messages {@code columns: auto} looks at by default: enough to see optional fields, quick to wait for. */
    static final int DEFAULT_INFER_SAMPLE = 100;
    private static final List<String> ENRICH_FIELDS = List.of("table", "key", "on", "columns", "refresh_seconds");
    private static final List<String> COLUMN_FIELDS = List.of("name", "path", "type", "required", "min", "max",
            "pattern");
    private static final Pattern TYPE = Pattern.compile(
            "string|int32|int64|float64|boolean|timestamp|date|decimal\\(\\d{1,2},\\s*\\d{1,2}\\)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, StreamConfig.StreamFormat> FORMATS = new LinkedHashMap<>();
    private static final Map<String, Boolean> STARTS = new LinkedHashMap<>();

    static {
        FORMATS.put("json", StreamConfig.StreamFormat.JSON);
        FORMATS.put("csv", StreamConfig.StreamFormat.CSV);
        FORMATS.put("debezium", StreamConfig.StreamFormat.DEBEZIUM);
        STARTS.put("earliest", true);
        STARTS.put("latest", false);
    }

    private final Problems problems;
    private final DeclaredConnections connections;

    StreamParser(Problems problems, DeclaredConnections connections) {
        this.problems = problems;
        this.connections = connections;
    }

    /** The source's Kafka connection name, or null when wrong (reported). */
    String connection(YamlMap source) {
        source.rejectUnknown(SOURCE_FIELDS);
        Optional<Scalar> connection = source.requiredScalar("connection");
        connection.ifPresent(name -> connections.checkReference(name.text(), Set.of(ConnectionType.KAFKA), "a stream source")
                .ifPresent(name::report));
        return connection.map(Scalar::text).orElse(null);
    }

    /** @return null when something is wrong (reported) */
    StreamConfig parse(String pipeline, YamlMap source, YamlMap target) {
        int before = problems.count();
        List<String> topics = source.strings("topics");
        String pattern = source.string("topic_pattern", null);
        if (topics.isEmpty() == (pattern == null)) {
            problems.add(source.node(), source.field("topics"), "give either topics or topic_pattern");
        }
        if (pattern != null) {
            compile(source, "topic_pattern", pattern);
        }
        String group = source.string("group", "ferry_" + pipeline);
        StreamConfig.StreamFormat format = source.choice("format", StreamConfig.StreamFormat.JSON, FORMATS);
        boolean earliest = source.choice("start", true, STARTS);
        String delimiter = source.string("csv_delimiter", ",");
        if (delimiter.length() != 1) {
            problems.add(source.node(), source.field("csv_delimiter"), "expected one character, got '" + delimiter + "'");
        }
        boolean infer = source.value("columns").filter(node -> node instanceof org.yaml.snakeyaml.nodes.ScalarNode)
                .flatMap(node -> source.scalar("columns")).filter(value -> value.text().trim().equals("auto"))
                .isPresent();
        List<StreamColumn> columns = infer ? List.of() : columns(source, format);
        int sample = source.integer("infer_sample", DEFAULT_INFER_SAMPLE, 1, 100_000);
        if (infer && format != StreamConfig.StreamFormat.JSON) {
            problems.add(source.node(), source.field("columns"), "columns: auto works with format json only (CSV has"
                    + " no field names, Debezium events are upserted by key); list the columns");
        }
        if (infer && !source.list("enrich").isEmpty()) {
            problems.add(source.node(), source.field("enrich"), "enrich needs its key among listed columns; list the"
                    + " columns instead of columns: auto");
        }
        if (!infer && source.has("infer_sample")) {
            problems.add(source.node(), source.field("infer_sample"), "infer_sample goes with columns: auto");
        }
        String table = target.requiredScalar("table").map(Scalar::text).orElse(null);
        String raw = target.string("raw_table", null);
        String deadLetterTopic = source.string("dead_letter_topic", null);
        List<String> afterBatch = target.strings("after_batch");
        List<StreamEnrichment> enrich = infer ? List.of() : enrichments(source, columns);
        if (problems.count() > before || table == null || format == null) {
            return null;
        }
        return new StreamConfig(topics, pattern, group, format, earliest, columns, table, raw, delimiter.charAt(0),
                deadLetterTopic, afterBatch, enrich, infer ? sample : 0);
    }

    private List<StreamEnrichment> enrichments(YamlMap source, List<StreamColumn> own) {
        List<StreamEnrichment> result = new ArrayList<>();
        List<Node> items = source.list("enrich");
        Set<String> names = new HashSet<>(own.stream().map(StreamColumn::name).toList());
        for (int i = 0; i < items.size(); i++) {
            YamlMap.of(items.get(i), source.field("enrich") + "[" + i + "]", problems).ifPresent(map -> {
                map.rejectUnknown(ENRICH_FIELDS);
                String table = map.requiredScalar("table").map(Scalar::text).orElse(null);
                if (table != null && !table.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
                    problems.add(map.node(), map.field("table"), "expected database.table, got '" + table + "'");
                }
                String key = map.requiredScalar("key").map(Scalar::text).orElse(null);
                if (key != null && !names.contains(key)) {
                    problems.add(map.node(), map.field("key"), "no column " + key + " in this pipeline's columns");
                }
                String on = map.string("on", key);
                List<StreamColumn> added = columns(map, StreamConfig.StreamFormat.JSON);
                added.forEach(column -> {
                    if (!names.add(column.name())) {
                        problems.add(map.node(), map.field("columns"), "column " + column.name() + " exists already");
                    }
                });
                int refresh = map.integer("refresh_seconds", 60, 1, 86_400);
                if (table != null && key != null && on != null) {
                    result.add(new StreamEnrichment(table, key, on, added, refresh));
                }
            });
        }
        return result;
    }

    private List<StreamColumn> columns(YamlMap source, StreamConfig.StreamFormat format) {
        List<Node> items = source.list("columns");
        if (items.isEmpty()) {
            problems.add(source.node(), source.field("columns"), "list the columns: name, path, type (and rules), or"
                    + " write columns: auto to infer them from the first messages (JSON)");
        }
        List<StreamColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = source.field("columns") + "[" + i + "]";
            int index = i;
            YamlMap.of(items.get(i), path, problems).ifPresent(column -> {
                column.rejectUnknown(COLUMN_FIELDS);
                String name = column.requiredScalar("name").map(Scalar::text).orElse(null);
                if (name != null && !NAME.matcher(name).matches()) {
                    problems.add(column.node(), column.field("name"), "column names use letters, digits and '_', got '"
                            + name + "'");
                } else if (name != null && !names.add(name)) {
                    problems.add(column.node(), column.field("name"), "column " + name + " is listed twice");
                }
                // CSV fields default to their position, JSON and Debezium fields to the column's name
                String where = column.string("path", format == StreamConfig.StreamFormat.CSV ? Integer.toString(index)
                        : name);
                if (format == StreamConfig.StreamFormat.CSV && where != null && !where.matches("\\d{1,4}")) {
                    problems.add(column.node(), column.field("path"), "CSV columns name a 0-based field index, got '"
                            + where + "'");
                }
                String type = column.requiredScalar("type").map(Scalar::text).map(String::trim).orElse(null);
                if (type != null && !TYPE.matcher(type).matches()) {
                    problems.add(column.node(), column.field("type"), "expected string, int32, int64, float64, "
                            + "decimal(P,S), boolean, timestamp or date, got '" + type + "'");
                }
                boolean required = column.bool("required", false);
                Double min = number(column, "min");
                Double max = number(column, "max");
                Pattern regex = column.scalar("pattern").map(p -> compile(column, "pattern", p.text())).orElse(null);
                if (name != null && where != null && type != null) {
                    columns.add(new StreamColumn(name, where, type, required, min, max, regex));
                }
            });
        }
        return columns;
    }

    private Double number(YamlMap column, String key) {
        return column.scalar(key).map(value -> {
            try {
                return Double.valueOf(value.text().trim());
            } catch (NumberFormatException e) {
                value.report("expected a number, got '" + value.text() + "'");
                return null;
            }
        }).orElse(null);
    }

    private Pattern compile(YamlMap map, String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(map.node(), map.field(key), "not a regular expression: " + e.getDescription());
            return null;
        }
    }
}
