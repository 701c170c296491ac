package dev.ferry.kafka;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.StreamColumn;
import dev.ferry.core.config.StreamConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns of a {@code columns: auto} stream. The table is the record of an inference: each inferred
 * column carries its JSON path in its ClickHouse comment ({@code ferry path: value.sensor_id}), so every
 * restart and every other worker reads the same columns from the table; only when there is no table yet are
 * the first messages sampled (read without committing, so the pipeline then consumes them normally).
 */
final class StreamSchema {

    static final String PATH_COMMENT = "ferry path: ";
    private static final Logger LOG = LoggerFactory.getLogger(StreamSchema.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DECIMAL = Pattern.compile("Decimal\\((\\d+),\\s*(\\d+)\\)");
    private static final Duration SAMPLE_PATIENCE = Duration.ofSeconds(5);

    private StreamSchema() {
    }

    /** The columns an existing table was inferred with; empty when the table does not exist. */
    static Optional<List<StreamColumn>> existing(ClickHouseGateway clickhouse, String database, String table) {
        List<StreamColumn> columns = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        boolean[] exists = {false};
        clickhouse.query("SELECT name, type, comment FROM system.columns WHERE database = " + quoteString(database)
                + " AND table = " + quoteString(table), row -> {
                    exists[0] = true;
                    String name = row.get(0);
                    String comment = row.get(2) == null ? "" : row.get(2);
                    if (comment.startsWith(PATH_COMMENT)) {
                        columns.add(new StreamColumn(name, comment.substring(PATH_COMMENT.length()),
                                streamType(row.get(1)), false, null, null, null));
                    } else if (!name.startsWith("_")) {
                        unexplained.add(name);
                    }
                });
        if (!exists[0]) {
            return Optional.empty();
        }
        if (columns.isEmpty()) {
            throw new FerryException("table " + database + "." + table + " exists but its columns were not inferred by"
                    + " Ferry (no '" + PATH_COMMENT + "…' comments); list the pipeline's columns instead of"
                    + " columns: auto, or drop the table to infer again");
        }
        if (!unexplained.isEmpty()) {
            LOG.warn("table {}.{}: columns {} have no JSON path and are left empty by this pipeline", database, table,
                    unexplained);
        }
        return Optional.of(columns);
    }

    /**
     * Reads up to {@code sample} messages from where the group would start, without committing anything,
     * and infers columns from them. Waits for a first message as long as it takes (a new topic may be empty);
     * after the first, at most a few seconds more for the rest of the sample.
     */
    static List<StreamColumn> sample(StreamConfig stream, Properties consumerProperties, boolean subSecond,
                                     BooleanSupplier stopping) {
        List<JsonNode> samples = new ArrayList<>();
        int unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<TopicPartition> partitions = partitions(consumer, stream, stopping);
            consumer.assign(partitions);
            var committed = consumer.committed(new java.util.HashSet<>(partitions));
            java.util.Map<TopicPartition, OffsetAndMetadata> starts = new java.util.HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                    continue;
                }
                if (stream.startAtEarliest()) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seekToEnd(List.of(partition));
                }
                starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
            }
            // a group without offsets starts where the sample started, not where the topic is once the table
            // exists: with start: latest the sampled messages (and those meanwhile) would be skipped otherwise
            if (!starts.isEmpty()) {
                try {
                    consumer.commitSync(starts);
                } catch (org.apache.kafka.common.KafkaException activeGroup) {
                    // another worker of the group is consuming already; its offsets decide
                    LOG.debug("could not commit the sampling start of {}: {}", stream.group(), activeGroup.getMessage());
                }
            }
            long firstAt = 0;
            long lastLog = System.nanoTime();
            while (samples.size() < stream.inferSample() && !stopping.getAsBoolean()
                    && (firstAt == 0 || System.nanoTime() - firstAt < SAMPLE_PATIENCE.toNanos())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Optional<JsonNode> object = object(record.value());
                    if (object.isPresent() && samples.size() < stream.inferSample()) {
                        samples.add(object.get());
                        firstAt = firstAt == 0 ? System.nanoTime() : firstAt;
                    } else if (object.isEmpty()) {
                        unreadable++;
                    }
                }
                if (firstAt == 0 && System.nanoTime() - lastLog > Duration.ofSeconds(30).toNanos()) {
                    LOG.info("waiting for a first JSON message on {} to infer the columns of {}", topicsOf(stream),
                            stream.table());
                    lastLog = System.nanoTime();
                }
            }
        }
        if (samples.isEmpty()) {
            throw new FerryException("stopped before a JSON object arrived to infer the columns of " + stream.table());
        }
        List<StreamColumn> columns = ColumnInference.infer(samples, subSecond);
        if (columns.isEmpty()) {
            throw new FerryException("the first " + samples.size() + " messages are JSON objects without fields;"
                    + " cannot infer columns of " + stream.table() + "; list them instead");
        }
        LOG.info("inferred {} column(s) of {} from {} message(s){}: {}", columns.size(), stream.table(),
                samples.size(), unreadable > 0 ? " (" + unreadable + " unreadable ones skipped)" : "",
                columns.stream().map(c -> c.name() + " " + c.type()).toList());
        return columns;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, StreamConfig stream,
                                                   BooleanSupplier stopping) {
        while (!stopping.getAsBoolean()) {
            List<TopicPartition> found = new ArrayList<>();
            if (stream.topicPattern() != null) {
                Pattern pattern = Pattern.compile(stream.topicPattern());
                consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, infos) -> {
                    if (pattern.matcher(topic).matches()) {
                        infos.forEach(info -> found.add(new TopicPartition(topic, info.partition())));
                    }
                });
            } else {
                for (String topic : stream.topics()) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(info -> found.add(new TopicPartition(topic, info.partition())));
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            sleep(Duration.ofSeconds(1));
        }
        return List.of();
    }

    private static Optional<JsonNode> object(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The stream type a column Ferry created has, read back from its ClickHouse type. */
    static String streamType(String clickhouseType) {
        String type = unwrap(unwrap(clickhouseType.trim(), "Nullable"), "LowCardinality");
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + "," + decimal.group(2) + ")";
        }
        if (type.startsWith("DateTime")) {
            return "timestamp";
        }
        return switch (type) {
            case "Int32" -> "int32";
            case "Int64" -> "int64";
            case "Float64" -> "float64";
            case "UInt8", "Bool" -> "boolean";
            case "Date", "Date32" -> "date";
            default -> "string";
        };
    }

    private static String unwrap(String type, String wrapper) {
        return type.startsWith(wrapper + "(") && type.endsWith(")")
                ? type.substring(wrapper.length() + 1, type.length() - 1) : type;
    }

    private static String topicsOf(StreamConfig stream) {
        return stream.topicPattern() != null ? "topics matching " + stream.topicPattern()
                : String.join(", ", stream.topics());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
