package dev.ferry.core.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** Small facts about SnakeYAML nodes that every part of the parser needs. */
public final class YamlNodes {

    private YamlNodes() {
    }

    /** 1-based, as editors count. */
    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** {@code key:} with no value, {@code ~} and {@code null} all mean "not set". */
    public static boolean isNull(Node node) {
        return node == null || node.getTag().equals(Tag.NULL);
    }

    /** How a node reads in "expected X, got Y" messages. */
    public static String kind(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> "a single value";
            case sequence -> "a list";
            case mapping -> "a mapping";
            case anchor -> "an alias";
        };
    }
}
