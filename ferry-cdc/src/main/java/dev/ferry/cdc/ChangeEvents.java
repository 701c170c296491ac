package dev.ferry.cdc;

import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Reading Debezium's records: which change rows or tables, and of what kind. */
final class ChangeEvents {

    /** Create, snapshot read, update, delete, truncate: what a target follows. */
    static final Set<String> APPLIED_OPERATIONS = Set.of("c", "r", "u", "d", "t");

    private ChangeEvents() {
    }

    /** The record's {@code op}, or null for heartbeats and other records without one. */
    static String operation(SourceRecord record) {
        return record.value() instanceof Struct value && value.schema().field("op") != null
                ? value.getString("op") : null;
    }
}
