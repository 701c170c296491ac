package dev.ferry.cdc;

import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.JdbcEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debezium embedded-engine settings for one pipeline. Values are chosen so that Debezium hands over
 * values Ferry can convert without loss: decimals as strings, time in microseconds, bytes as bytes.
 * Offsets live in the pipeline's state directory, next to the batch state, so they survive restarts.
 */
final class DebeziumConfig {

    private DebeziumConfig() {
    }

    static Properties postgres(String pipeline, JdbcEndpoint source, List<TableId> tables, Path stateDir) {
        Properties p = common(pipeline, stateDir);
        String name = slotName(pipeline);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.dbname", source.database());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", name);
        p.setProperty("publication.name", name);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", tables.stream()
                .map(t -> Pattern.quote(t.qualified())).collect(Collectors.joining(",")));
        return p;
    }

    private static Properties common(String pipeline, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("name", "ferry-" + pipeline);
        p.setProperty("topic.prefix", "ferry");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", stateDir.resolve(pipeline + ".offsets").toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("include.unknown.datatypes", "true");
        p.setProperty("max.batch.size", "10000");
        p.setProperty("max.queue.size", "40000");
        p.setProperty("poll.interval.ms", "100");
        return p;
    }

    /** Replication slot and publication name: PostgreSQL allows lower-case letters, digits and '_'. */
    static String slotName(String pipeline) {
        return "ferry_" + pipeline.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
