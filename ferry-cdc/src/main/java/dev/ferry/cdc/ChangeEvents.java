package dev.ferry.cdc;

import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Reading Debezium's records: which are row changes, and of what kind. */
final class ChangeEvents {

    /** Create, snapshot read, update, delete. */
    private static final Set<String> ROW_OPERATIONS = Set.of("c", "r", "u", "d");

    private ChangeEvents() {
    }

    /** The record's {@code op}, or null for heartbeats and other records without one. */
    static String operation(SourceRecord record) {
        return record.value() instanceof Struct value && value.schema().field("op") != null
                ? value.getString("op") : null;
    }

    /** The value of a row change, or null for anything else (heartbeats, transaction markers, truncates). */
    static Struct rowChange(SourceRecord record) {
        String op = operation(record);
        return op != null && ROW_OPERATIONS.contains(op) ? (Struct) record.value() : null;
    }
}
