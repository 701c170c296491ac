package dev.ferry.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the fields that a stream's columns name out of one JSON object in a single pass of Jackson's
 * streaming parser: fields no column asks for are skipped undecoded and no tree is built. Reading every
 * message into a {@code JsonNode} tree first was the hottest spot of the stream benchmark.
 *
 * <p>It answers as reading the tree and following each dotted path would: of duplicate keys the last wins
 * (a later occurrence clears what an earlier one gave the paths beneath it), a path running through a
 * non-object is absent, and an object or array where a column's path ends is returned as a {@code JsonNode}.
 */
final class JsonFieldPicker {

    private final Step root = new Step();
    private final int width;

    /** @param paths each column's dotted path, by column index */
    JsonFieldPicker(List<String[]> paths) {
        this.width = paths.size();
        for (int column = 0; column < paths.size(); column++) {
            String[] path = paths.get(column);
            Step step = root;
            step.addUnder(column, path);
            for (int depth = 0; depth < path.length; depth++) {
                step = step.children.computeIfAbsent(path[depth], name -> new Step());
                step.addUnder(column, Arrays.copyOfRange(path, depth + 1, path.length));
            }
            step.columns.add(column);
        }
        root.seal();
    }

    /**
     * @return by column: a String, Number, Boolean, a JsonNode (object or array), or null when absent or null
     * @throws IOException          when the text is not JSON (Jackson's message says where)
     * @throws BadMessageException when it is JSON but not an object
     */
    Object[] pick(JsonParser parser) throws IOException, BadMessageException {
        startObject(parser);
        Object[] values = new Object[width];
        if (root.isLeaf()) {
            root.assignFrom(parser.readValueAsTree(), values); // a column wants the whole message
        } else {
            readObject(parser, root, values);
        }
        return values;
    }

    /** Reads the first token, which must open an object. */
    static void startObject(JsonParser parser) throws IOException, BadMessageException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new BadMessageException("expected a JSON object, got " + describe(first));
        }
    }

    private static void readObject(JsonParser parser, Step step, Object[] values) throws IOException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            Step next = step.children.get(name);
            if (next == null) {
                parser.skipChildren();
                continue;
            }
            next.clear(values);
            boolean object = token == JsonToken.START_OBJECT;
            if (object && next.hasChildren() && next.isLeaf()) {
                // a column wants this object whole and others want fields inside it: the rare case for a tree
                next.assignFrom(parser.readValueAsTree(), values);
            } else if (object && next.hasChildren()) {
                readObject(parser, next, values);
            } else if (next.isLeaf()) {
                Object value = value(parser, token);
                for (int column : next.leafColumns) {
                    values[column] = value;
                }
            } else {
                parser.skipChildren(); // the paths continue below, but this is not an object: absent
            }
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT, START_ARRAY -> parser.readValueAsTree();
            default -> null;
        };
    }

    /** A tree node as the values {@link #pick} gives: scalars unwrapped, containers kept as nodes. */
    static Object fromNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node;
    }

    /** Follows a dotted path in a tree; null when a step is missing or not an object. */
    static JsonNode at(JsonNode root, String[] path) {
        JsonNode node = root;
        for (String part : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** One object level of the columns' paths. */
    private static final class Step {

        final Map<String, Step> children = new HashMap<>();
        /** Columns whose path ends here. */
        final List<Integer> columns = new ArrayList<>();
        /** Columns whose path passes through or ends here, with the rest of their path from here. */
        private final List<Integer> under = new ArrayList<>();
        private final List<String[]> rest = new ArrayList<>();
        int[] leafColumns;
        private int[] underColumns;

        void addUnder(int column, String[] remaining) {
            under.add(column);
            rest.add(remaining);
        }

        void seal() {
            leafColumns = columns.stream().mapToInt(Integer::intValue).toArray();
            underColumns = under.stream().mapToInt(Integer::intValue).toArray();
            children.values().forEach(Step::seal);
        }

        boolean isLeaf() {
            return leafColumns.length > 0;
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }

        /** A key seen again replaces the earlier value, and with it everything beneath it. */
        void clear(Object[] values) {
            for (int column : underColumns) {
                values[column] = null;
            }
        }

        void assignFrom(JsonNode tree, Object[] values) {
            for (int i = 0; i < underColumns.length; i++) {
                values[underColumns[i]] = fromNode(at(tree, rest.get(i)));
            }
        }
    }
}
