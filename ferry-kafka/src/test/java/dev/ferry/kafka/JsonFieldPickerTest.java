package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonFieldPickerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String[]> paths(String... dotted) {
        return Arrays.stream(dotted).map(p -> p.split("\\.")).toList();
    }

    private static Object[] pick(JsonFieldPicker picker, String json) throws Exception {
        try (JsonParser parser = JSON.createParser(json)) {
            return picker.pick(parser);
        }
    }

    /** What reading the whole tree and following each path gives: the behaviour the picker must keep. */
    private static Object[] viaTree(List<String[]> paths, String json) throws Exception {
        JsonNode root = JSON.readTree(json);
        Object[] values = new Object[paths.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = JsonFieldPicker.fromNode(JsonFieldPicker.at(root, paths.get(i)));
        }
        return values;
    }

    @Test
    void picksNestedFieldsAndSkipsTheRest() throws Exception {
        JsonFieldPicker picker = new JsonFieldPicker(paths("id", "value.temperature", "value.status", "missing"));
        Object[] values = pick(picker, """
                {"skip": {"deep": [1, {"x": 2}]}, "id": 7, "value": {"temperature": 21.5, "status": "ok", "n": null}}""");
        assertThat(values).containsExactly(7, 21.5, "ok", null);
    }

    @Test
    void theLastOfDuplicateKeysWinsWithEverythingBeneathIt() throws Exception {
        List<String[]> paths = paths("m.t", "m.h", "a");
        JsonFieldPicker picker = new JsonFieldPicker(paths);
        String json = "{\"m\": {\"t\": 1, \"h\": 2}, \"a\": 1, \"m\": {\"h\": 3}, \"a\": \"x\"}";
        assertThat(pick(picker, json)).containsExactly(null, 3, "x").isEqualTo(viaTree(paths, json));
    }

    @Test
    void objectsAndArraysAtAPathsEndAreKeptAsNodes() throws Exception {
        List<String[]> paths = paths("tags", "meta", "meta.source");
        JsonFieldPicker picker = new JsonFieldPicker(paths);
        Object[] values = pick(picker, "{\"tags\": [\"a\", \"b\"], \"meta\": {\"source\": \"s1\"}}");
        assertThat(values[0]).hasToString("[\"a\",\"b\"]");
        assertThat(values[1]).hasToString("{\"source\":\"s1\"}");
        assertThat(values[2]).isEqualTo("s1");
    }

    @Test
    void anEmptyPathIsTheWholeMessage() throws Exception {
        JsonFieldPicker picker = new JsonFieldPicker(List.of(new String[0], new String[] {"a"}));
        Object[] values = pick(picker, "{\"a\": 1, \"b\": {\"c\": true}}");
        assertThat(values[0]).hasToString("{\"a\":1,\"b\":{\"c\":true}}");
        assertThat(values[1]).isEqualTo(1);
    }

    @Test
    void aPathThroughAScalarIsAbsent() throws Exception {
        JsonFieldPicker picker = new JsonFieldPicker(paths("metrics.temperature"));
        assertThat(pick(picker, "{\"metrics\": 3}")).containsExactly((Object) null);
        assertThat(pick(picker, "{\"metrics\": [1, 2]}")).containsExactly((Object) null);
    }

    @Test
    void onlyAnObjectIsAMessage() {
        JsonFieldPicker picker = new JsonFieldPicker(paths("a"));
        assertThatThrownBy(() -> pick(picker, "[1, 2]")).isInstanceOf(BadMessageException.class)
                .hasMessage("expected a JSON object, got an array");
        assertThatThrownBy(() -> pick(picker, "\"text\"")).hasMessage("expected a JSON object, got a string");
        assertThatThrownBy(() -> pick(picker, "")).hasMessage("expected a JSON object, got nothing");
        assertThatThrownBy(() -> pick(picker, "{\"a\": 1, \"b\": [1, }"))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    /** Random documents with repeated keys, nesting and every kind of value: both readings agree. */
    @Test
    void agreesWithTheTreeOnRandomDocuments() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<String[]> paths = paths("a", "b", "a.b", "b.c", "b.c.a", "c.a.b", "b.a");
        JsonFieldPicker picker = new JsonFieldPicker(paths);
        for (int i = 0; i < 5_000; i++) {
            String json = object(random, 0);
            assertThat(pick(picker, json)).as(json).isEqualTo(viaTree(paths, json));
        }
    }

    private static String object(SplittableRandom random, int depth) {
        List<String> fields = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            fields.add("\"" + "abcx".charAt(random.nextInt(4)) + "\": " + value(random, depth));
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private static String value(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth >= 3 ? 6 : 8)) {
            case 0 -> Integer.toString(random.nextInt(-1000, 1000));
            case 1 -> Double.toString(random.nextDouble() * 100);
            case 2 -> "\"s" + random.nextInt(100) + "\"";
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> "12345678901234567890";
            case 6 -> "[" + value(random, depth + 1) + ", " + value(random, depth + 1) + "]";
            default -> object(random, depth + 1);
        };
    }
}
