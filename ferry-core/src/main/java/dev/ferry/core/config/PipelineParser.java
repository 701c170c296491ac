package dev.ferry.core.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code pipelines} list, checking each pipeline against the declared connections. */
final class PipelineParser {

    private static final List<String> FIELDS = List.of("name", "source", "target", "mode", "cursor",
            "cursor_lookback", "null_cursor", "max_dead_letters", "chunk_rows", "parallelism", "batch");
    private static final List<String> TARGET_FIELDS = List.of("connection", "database", "table_prefix", "engine",
            "partition_by", "order_by", "table", "raw_table", "after_batch");
    private static final List<String> BATCH_FIELDS = List.of("rows", "bytes", "interval");
    /** Names end up in state file names and CLI arguments, so they stay plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Ordered, so messages list the choices default first. */
    private static final Map<String, SyncMode> MODES = new LinkedHashMap<>();
    private static final Map<String, EngineChoice> ENGINES = new LinkedHashMap<>();

    private static final int DEFAULT_CHUNK_ROWS = 100_000;
    private static final int DEFAULT_PARALLELISM = 2;
    private static final int MAX_PARALLELISM = 64;
    private static final int DEFAULT_BATCH_ROWS = 100_000;
    private static final long DEFAULT_BATCH_BYTES = 64L << 20;
    private static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEFAULT_CDC_INTERVAL = Duration.ofMillis(500);

    static {
        MODES.put("snapshot", SyncMode.SNAPSHOT);
        MODES.put("incremental", SyncMode.INCREMENTAL);
        MODES.put("cdc", SyncMode.CDC);
        MODES.put("stream", SyncMode.STREAM);
        ENGINES.put("auto", EngineChoice.AUTO);
        ENGINES.put("ReplacingMergeTree", EngineChoice.REPLACING_MERGE_TREE);
        ENGINES.put("MergeTree", EngineChoice.MERGE_TREE);
    }

    private final Problems problems;
    private final DeclaredConnections connections;
    private final SourceParser sources;
    private final StreamParser streams;
    /** Pipeline name to the line it was first defined at. */
    private final Map<String, Integer> names = new HashMap<>();

    PipelineParser(Problems problems, DeclaredConnections connections) {
        this.problems = problems;
        this.connections = connections;
        this.sources = new SourceParser(problems, connections);
        this.streams = new StreamParser(problems, connections);
    }

    /** The pipeline at {@code path}, or null when anything in it is wrong (reported). */
    PipelineConfig parse(Node node, String path) {
        int before = problems.count();
        Optional<YamlMap> found = YamlMap.of(node, path, problems);
        if (found.isEmpty()) {
            return null;
        }
        YamlMap pipeline = found.get();
        pipeline.rejectUnknown(FIELDS);
        String name = pipeline.requiredScalar("name").map(this::name).orElse(null);
        SyncMode mode = pipeline.choice("mode", SyncMode.SNAPSHOT, MODES);
        String cursor = pipeline.string("cursor", null);
        Optional<YamlMap> sourceMap = section(pipeline, "source");
        Optional<YamlMap> targetMap = section(pipeline, "target");
        SourceConfig source;
        StreamConfig stream = null;
        if (mode == SyncMode.STREAM) {
            String connection = sourceMap.map(streams::connection).orElse(null);
            source = connection == null ? null : new SourceConfig(connection, List.of(), List.of(), List.of());
            if (sourceMap.isPresent() && targetMap.isPresent() && name != null) {
                stream = streams.parse(name, sourceMap.get(), targetMap.get());
            }
        } else {
            source = sourceMap.map(map -> sources.parse(map, mode, cursor)).orElse(null);
            targetMap.ifPresent(map -> List.of("table", "raw_table", "after_batch").forEach(key -> {
                if (map.has(key)) {
                    problems.add(map.node(), map.field(key), key.equals("after_batch")
                            ? "only stream pipelines run after_batch statements"
                            : "only stream pipelines name their table; tables of other pipelines are named after "
                                    + "the source tables");
                }
            }));
        }
        // a CDC pipeline may publish its changes to Kafka (one topic per table) instead of writing ClickHouse
        Set<ConnectionType> targetTypes = mode == SyncMode.CDC ? Set.of(ConnectionType.CLICKHOUSE, ConnectionType.KAFKA)
                : Set.of(ConnectionType.CLICKHOUSE);
        TargetConfig target = targetMap.map(map -> target(map, targetTypes)).orElse(null);
        SyncRulesParser.rejectOutsideTheirModes(pipeline, mode);
        CursorLookback lookback = Objects.requireNonNullElse(SyncRulesParser.cursorLookback(pipeline),
                CursorLookback.AUTO);
        NullCursorRule nullCursor = Objects.requireNonNullElse(SyncRulesParser.nullCursor(pipeline),
                NullCursorRule.INCLUDE_ON_FULL);
        DeadLetterLimit maxDeadLetters = Objects.requireNonNullElse(SyncRulesParser.maxDeadLetters(pipeline),
                DeadLetterLimit.NONE_ALLOWED);
        int chunkRows = pipeline.integer("chunk_rows", DEFAULT_CHUNK_ROWS, 1, Integer.MAX_VALUE);
        int parallelism = pipeline.integer("parallelism", DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        // a CDC pipeline's flush interval bounds its lag at low change rates, so it defaults to well under 1 s
        Duration interval = mode == SyncMode.CDC ? DEFAULT_CDC_INTERVAL : DEFAULT_BATCH_INTERVAL;
        BatchConfig batch = pipeline.map("batch").map(map -> batch(map, interval))
                .orElse(new BatchConfig(DEFAULT_BATCH_ROWS, DEFAULT_BATCH_BYTES, interval));
        // a section can also be missing because a connection it names has problems of its own (already reported)
        if (problems.count() > before || name == null || source == null || target == null
                || mode == SyncMode.STREAM && stream == null) {
            return null;
        }
        return new PipelineConfig(name, source, target, mode, cursor, lookback, nullCursor, maxDeadLetters, chunkRows,
                parallelism, batch, stream);
    }

    private String name(Scalar name) {
        if (!NAME.matcher(name.text()).matches()) {
            name.report("pipeline names may use only letters, digits, '_' and '-', got '" + name.text() + "'");
        }
        Integer first = names.putIfAbsent(name.text(), YamlNodes.line(name.node()));
        if (first != null) {
            name.report("duplicate pipeline name '" + name.text() + "'; first defined at line " + first);
        }
        return name.text();
    }

    private Optional<YamlMap> section(YamlMap pipeline, String key) {
        if (!pipeline.has(key)) {
            problems.add(pipeline.node(), pipeline.field(key), "required field is missing");
        }
        return pipeline.map(key);
    }

    private TargetConfig target(YamlMap target, Set<ConnectionType> types) {
        target.rejectUnknown(TARGET_FIELDS);
        Optional<Scalar> connection = target.requiredScalar("connection");
        connection.ifPresent(name -> connections.checkReference(name.text(), types, "a target")
                .ifPresent(name::report));
        // null only when the connection is unusable, which has been reported
        String database = target.string("database", connection
                .flatMap(name -> connections.get(name.text()))
                .map(ConnectionConfig::database)
                .orElse(null));
        String tablePrefix = target.string("table_prefix", "");
        EngineChoice engine = target.choice("engine", EngineChoice.AUTO, ENGINES);
        String partitionBy = target.string("partition_by", null);
        List<String> orderBy = target.strings("order_by");
        if (connection.isEmpty() || database == null) {
            return null;
        }
        return new TargetConfig(connection.get().text(), database, tablePrefix, engine, partitionBy, orderBy);
    }

    private BatchConfig batch(YamlMap batch, Duration defaultInterval) {
        batch.rejectUnknown(BATCH_FIELDS);
        return new BatchConfig(batch.integer("rows", DEFAULT_BATCH_ROWS, 1, Integer.MAX_VALUE),
                batch.size("bytes", DEFAULT_BATCH_BYTES),
                batch.duration("interval", defaultInterval, false));
    }
}
