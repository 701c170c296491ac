package dev.ferry.orchestrator.task.types;

import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.YamlMap;
import dev.ferry.core.config.YamlNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reading shapes of task fields that {@link YamlMap} has no getter for; problems go to the DAG file's list. */
final class YamlFields {

    private YamlFields() {
    }

    /** A required single value, trimmed; null when missing or not a single value (reported). */
    static String required(YamlMap task, String key) {
        Optional<Scalar> value = task.requiredScalar(key);
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get().text().trim();
        if (text.isEmpty()) {
            value.get().report("must not be empty");
            return null;
        }
        return text;
    }

    /** An optional single value as written (templates are rendered when the task runs); null when unset. */
    static String optional(YamlMap task, String key) {
        return task.scalar(key).map(Scalar::text).orElse(null);
    }

    /** A mapping of names to single values (headers, params, env), in file order; empty when unset. */
    static Map<String, String> stringMap(YamlMap task, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        task.map(key).ifPresent(map -> map.entries().forEach((name, entry) -> {
            Node value = entry.getValueNode();
            if (YamlNodes.isNull(value)) {
                map.problems().add(value, map.field(name), "expected a value, got nothing; write \"\" for an"
                        + " empty one");
            } else {
                Scalar.of(value, map.field(name), map.problems()).ifPresent(text -> values.put(name, text.text()));
            }
        }));
        return Collections.unmodifiableMap(values);
    }

    /** A field that may be one text or a list of texts ({@code sql:}, {@code depends_on:}). */
    static List<String> textOrList(YamlMap task, String key) {
        Optional<Node> value = task.value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof ScalarNode) {
            return task.scalar(key).map(text -> List.of(text.text())).orElse(List.of());
        }
        return new ArrayList<>(task.strings(key));
    }

    /** Reports when both of two fields that exclude each other are set; true when that is so. */
    static boolean bothSet(YamlMap task, String first, String second) {
        if (task.has(first) && task.has(second)) {
            task.problems().add(task.value(second).orElseThrow(), task.field(second),
                    "set either " + first + " or " + second + ", not both");
            return true;
        }
        return false;
    }

    /** The folder of the DAG file being read, for paths written relative to it. */
    static Path dagFolder(YamlMap task) {
        Path file = task.problems().file();
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        return folder == null ? Path.of("").toAbsolutePath() : folder;
    }
}
