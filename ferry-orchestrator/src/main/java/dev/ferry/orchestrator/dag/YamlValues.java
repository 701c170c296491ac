package dev.ferry.orchestrator.dag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Plain Java values (String, Long, Double, Boolean, List, Map) of composed YAML, for params. */
public final class YamlValues {

    private YamlValues() {
    }

    public static Object of(Node node) {
        if (node == null || node.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>();
            sequence.getValue().forEach(item -> items.add(of(item)));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key) {
                map.put(key.getValue(), of(entry.getValueNode()));
            }
        }
        return map;
    }

    private static Object scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        try {
            if (scalar.getTag().equals(Tag.INT)) {
                return Long.parseLong(text.replace("_", ""));
            }
            if (scalar.getTag().equals(Tag.FLOAT)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException outOfRange) {
            return text;
        }
        if (scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        }
        return text;
    }
}
