package dev.ferry.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * The key and payload text of a source row in {@code _ferry_dead_letters}: its key values joined by commas,
 * and the whole row as a JSON object of column texts. Loads write them; validate finds a row's dead letter
 * by them, so both must build them the same way, here.
 */
public final class DeadLetterRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterRows() {
    }

    /** The row's key columns' values as text, joined by commas; empty for a keyless table. */
    public static String key(TableMapping table, Object[] values) {
        StringBuilder key = new StringBuilder();
        for (int index : table.keyColumns()) {
            key.append(key.isEmpty() ? "" : ",").append(text(values[index]));
        }
        return key.toString();
    }

    /** The whole row as JSON: column name to the value's text (bytes as {@code base64:…}). */
    public static String payload(TableMapping table, Object[] values) {
        ObjectNode payload = JSON.createObjectNode();
        for (int i = 0; i < values.length; i++) {
            payload.put(table.source().columns().get(i).name(), text(values[i]));
        }
        return payload.toString();
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> items) {
            return items.stream().map(DeadLetterRows::text).toList().toString();
        }
        return value == null ? null : value.toString();
    }
}
