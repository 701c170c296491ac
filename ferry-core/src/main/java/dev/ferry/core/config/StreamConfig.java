package dev.ferry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * What a {@code mode: stream} pipeline reads from Kafka and how each message becomes a row.
 *
 * @param topics       topics to read (empty when {@code topicPattern} is set)
 * @param topicPattern a regular expression of topic names, or null
 * @param group        the consumer group; processes with the same group share the partitions
 * @param format       how a message's value is read
 * @param startAtEarliest where a group without committed offsets starts: the oldest message, or new ones only
 * @param columns      the row's columns and where in a message each comes from
 * @param table        the ClickHouse table of parsed rows
 * @param rawTable     a table that also keeps every message as received (payload and Kafka metadata), or null
 * @param csvDelimiter field separator of CSV messages
 * @param deadLetterTopic a Kafka topic that also receives every dead letter (payload, reason in headers), or null
 * @param afterBatch   ClickHouse statements run after each written batch, e.g. to refresh datamart tables
 * @param enrich       columns added from dimension tables, in order
 * @param inferSample  {@code columns: auto}: how many messages the columns are inferred from when the table does
 *                     not exist yet (0 when the columns are listed); see {@link #inferColumns()}
 */
public record StreamConfig(List<String> topics, String topicPattern, String group, StreamFormat format,
        boolean startAtEarliest, List<StreamColumn> columns, String table, String rawTable, char csvDelimiter,
        String deadLetterTopic, List<String> afterBatch, List<StreamEnrichment> enrich, int inferSample) {

    public StreamConfig(List<String> topics, String topicPattern, String group, StreamFormat format,
            boolean startAtEarliest, List<StreamColumn> columns, String table, String rawTable, char csvDelimiter,
            String deadLetterTopic, List<String> afterBatch, List<StreamEnrichment> enrich) {
        this(topics, topicPattern, group, format, startAtEarliest, columns, table, rawTable, csvDelimiter,
                deadLetterTopic, afterBatch, enrich, 0);
    }

    public StreamConfig {
        topics = List.copyOf(topics);
        columns = List.copyOf(columns);
        afterBatch = List.copyOf(afterBatch);
        enrich = List.copyOf(enrich);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(table, "table");
    }

    /** The columns are inferred from the first messages (then kept in the table), not listed in the config. */
    public boolean inferColumns() {
        return inferSample > 0;
    }

    /** The same stream with the columns inference found (or the existing table has). */
    public StreamConfig withColumns(List<StreamColumn> inferred) {
        return new StreamConfig(topics, topicPattern, group, format, startAtEarliest, inferred, table, rawTable,
                csvDelimiter, deadLetterTopic, afterBatch, enrich, 0);
    }

    public enum StreamFormat {
        /** A JSON object; columns name a field by dotted path ({@code metrics.temperature}). */
        JSON,
        /** One line of delimited fields; columns name a field by 0-based position. */
        CSV,
        /** A Debezium change event as JSON (with or without the schema envelope); columns are fields of the row. */
        DEBEZIUM
    }
}
