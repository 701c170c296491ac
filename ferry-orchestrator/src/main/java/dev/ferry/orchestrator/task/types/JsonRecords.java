package dev.ferry.orchestrator.task.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the records in an API's JSON answer: the array (or single object) at a dotted path such as
 * {@code data.items}; a number in the path picks an array element ({@code results.0.rows}).
 */
final class JsonRecords {

    private JsonRecords() {
    }

    /**
     * @param path dotted path from the root; null or blank means the root itself
     * @throws IllegalArgumentException saying where the path did not lead to records, and what is there
     */
    static List<ObjectNode> at(JsonNode root, String path) {
        JsonNode node = root;
        StringBuilder seen = new StringBuilder();
        if (path != null && !path.isBlank()) {
            for (String part : path.strip().split("\\.")) {
                node = step(node, part, seen.isEmpty() ? "the root" : "'" + seen + "'");
                seen.append(seen.isEmpty() ? "" : ".").append(part);
            }
        }
        String where = seen.isEmpty() ? "the root" : "'" + seen + "'";
        if (node.isNull()) {
            return List.of();
        }
        if (node.isObject()) {
            return List.of((ObjectNode) node);
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected an array of records (JSON objects) at " + where + ", got "
                    + kind(node));
        }
        List<ObjectNode> records = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw new IllegalArgumentException("item " + i + " of the array at " + where + " is "
                        + kind(node.get(i)) + ", not a record (JSON object)");
            }
            records.add((ObjectNode) node.get(i));
        }
        return records;
    }

    private static JsonNode step(JsonNode node, String part, String where) {
        if (node.isObject()) {
            if (!node.has(part)) {
                throw new IllegalArgumentException("no field '" + part + "' in the object at " + where + "; it has: "
                        + fieldNames(node));
            }
            return node.get(part);
        }
        if (node.isArray() && part.matches("\\d{1,9}")) {
            int index = Integer.parseInt(part);
            if (index >= node.size()) {
                throw new IllegalArgumentException("the array at " + where + " has " + node.size()
                        + " items; there is no item " + index);
            }
            return node.get(index);
        }
        throw new IllegalArgumentException("cannot look up '" + part + "' in " + kind(node) + " at " + where);
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "(no fields)" : names.stream().limit(20).collect(Collectors.joining(", "))
                + (names.size() > 20 ? ", ..." : "");
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
