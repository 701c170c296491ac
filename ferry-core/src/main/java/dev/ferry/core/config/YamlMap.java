package dev.ferry.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the config, read by field name. Each getter falls back to its default after reporting a
 * bad value, so one mistake does not hide the ones after it. YAML merge keys ({@code <<: *defaults}) are
 * honoured because composing, unlike constructing, leaves them unresolved.
 */
public final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        List<Node> merged = new ArrayList<>();
        for (NodeTuple entry : node.getValue()) {
            Node key = entry.getKeyNode();
            if (key.getTag().equals(Tag.MERGE)) {
                merged.add(entry.getValueNode());
            } else if (!(key instanceof ScalarNode name)) {
                problems.add(key, path, "expected a field name, got " + YamlNodes.kind(key));
            } else if (entries.containsKey(name.getValue())) {
                problems.add(key, field(name.getValue()), "duplicate field; first set at line "
                        + YamlNodes.line(entries.get(name.getValue()).getKeyNode()));
            } else {
                entries.put(name.getValue(), entry);
            }
        }
        merged.forEach(this::merge);
    }

    /** A mapping that must be there: reports and is empty when the node is unset or not a mapping. */
    public static Optional<YamlMap> of(Node node, String path, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems));
        }
        problems.add(node, path, "expected a mapping, got " + (YamlNodes.isNull(node) ? "nothing" : YamlNodes.kind(node)));
        return Optional.empty();
    }

    /** Fields set explicitly win over merged ones, and earlier merge sources over later ones, as in YAML. */
    private void merge(Node source) {
        List<Node> sources = source instanceof SequenceNode list ? list.getValue() : List.of(source);
        for (Node each : sources) {
            if (each instanceof MappingNode mapping) {
                YamlMap from = new YamlMap(mapping, path, problems);
                from.entries.forEach(entries::putIfAbsent);
            } else {
                problems.add(each, path, "'<<' expects a mapping or a list of mappings, got " + YamlNodes.kind(each));
            }
        }
    }

    public String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public MappingNode node() {
        return node;
    }

    /** Where problems go, for readers of nested values (lists of mappings) that this class has no getter for. */
    public Problems problems() {
        return problems;
    }

    /** For mappings whose keys are names the user chose, such as connections and options. */
    public Map<String, NodeTuple> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public void rejectUnknown(Collection<String> known) {
        entries.forEach((key, entry) -> {
            if (!known.contains(key)) {
                problems.add(entry.getKeyNode(), field(key), Spelling.unknownField(key, known));
            }
        });
    }

    public boolean has(String key) {
        return value(key).isPresent();
    }

    public Optional<Node> value(String key) {
        NodeTuple entry = entries.get(key);
        return entry == null || YamlNodes.isNull(entry.getValueNode()) ? Optional.empty()
                : Optional.of(entry.getValueNode());
    }

    public Optional<Scalar> scalar(String key) {
        return value(key).flatMap(value -> Scalar.of(value, field(key), problems));
    }

    /** Reports a missing field at the mapping that lacks it. */
    public Optional<Scalar> requiredScalar(String key) {
        if (!has(key)) {
            problems.add(node, field(key), "required field is missing");
            return Optional.empty();
        }
        return scalar(key);
    }

    public String string(String key, String fallback) {
        return scalar(key).map(Scalar::text).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        return scalar(key).map(value -> value.toInt(min, max)).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return scalar(key).map(Scalar::toBoolean).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback, boolean allowZero) {
        return scalar(key).map(value -> value.toDuration(allowZero)).orElse(fallback);
    }

    public long size(String key, long fallback) {
        return scalar(key).map(Scalar::toSize).orElse(fallback);
    }

    /** Case-insensitive; {@code choices} maps the spelling shown in messages to the value. */
    public <E> E choice(String key, E fallback, Map<String, E> choices) {
        return scalar(key).map(value -> choices.entrySet().stream()
                .filter(choice -> choice.getKey().equalsIgnoreCase(value.text().trim()))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElseGet(() -> {
                    value.report("expected one of " + String.join(", ", choices.keySet()) + ", got '" + value.text() + "'");
                    return null;
                }))
                .orElse(fallback);
    }

    public Optional<YamlMap> map(String key) {
        return value(key).flatMap(value -> of(value, field(key), problems));
    }

    /** The items of a list field, empty when unset; reports when the field is not a list. */
    public List<Node> list(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            problems.add(value.get(), field(key), "expected a list, got " + YamlNodes.kind(value.get()));
            return List.of();
        }
        return sequence.getValue();
    }

    /** A list of single values such as column names. */
    public List<String> strings(String key) {
        List<Node> items = list(key);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemField = field(key) + "[" + i + "]";
            if (YamlNodes.isNull(items.get(i))) {
                problems.add(items.get(i), itemField, "expected a value, got nothing");
            } else {
                Scalar.of(items.get(i), itemField, problems).ifPresent(value -> strings.add(value.text()));
            }
        }
        return strings;
    }
}
