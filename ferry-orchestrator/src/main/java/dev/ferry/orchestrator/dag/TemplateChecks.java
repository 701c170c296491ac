package dev.ferry.orchestrator.dag;

import dev.ferry.core.config.YamlMap;
import dev.ferry.core.config.YamlNodes;
import dev.ferry.orchestrator.task.TemplateQuoting;
import dev.ferry.orchestrator.task.Templates;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks the {@code {{ ... }}} references of one task when its DAG file is read, so an unsafe template is
 * an import error rather than something a trigger finds out: every {@code params.x} must be declared, every
 * filter must exist, and where the text becomes SQL or a shell command a string param must be quoted for it.
 */
final class TemplateChecks {

    private TemplateChecks() {
    }

    static void check(YamlMap task, Map<String, TemplateQuoting> quoted, ParamSpecs params) {
        for (NodeTuple entry : task.node().getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key) {
                TemplateQuoting where = quoted.getOrDefault(key.getValue(), TemplateQuoting.PLAIN);
                walk(entry.getValueNode(), task.field(key.getValue()), where, params, task);
            }
        }
    }

    private static void walk(Node node, String field, TemplateQuoting where, ParamSpecs params, YamlMap task) {
        if (node instanceof ScalarNode scalar) {
            for (Templates.Reference reference : Templates.parse(scalar.getValue())) {
                problem(reference, where, params).ifPresent(problem -> task.problems().add(YamlNodes.line(node),
                        field, problem));
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(sequence.getValue().get(i), field + "[" + i + "]", where, params, task);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                walk(entry.getValueNode(), field + "." + key, where, params, task);
            }
        }
    }

    private static Optional<String> problem(Templates.Reference reference, TemplateQuoting where, ParamSpecs params) {
        if (reference.filter().isPresent() && !Templates.FILTERS.contains(reference.filter().get())) {
            return Optional.of("unknown filter '" + reference.filter().get() + "' in {{ " + reference.path()
                    + " | ... }}; filters: " + String.join(", ", Templates.FILTERS.stream().sorted().toList()));
        }
        Optional<String> param = reference.param();
        if (param.isPresent() && params.get(param.get()).isEmpty()) {
            String quoting = switch (where) {
                case SQL -> " and, for a string, write {{ params." + param.get() + " | sql_string }}";
                case SHELL -> " and, for a string, write {{ params." + param.get() + " | shell }}";
                case PLAIN -> "";
            };
            return Optional.of("params." + param.get() + " is not declared; declare it under params: with a type"
                    + " (int, date, string, enum), e.g. params: {" + param.get() + ": {type: int}}" + quoting);
        }
        return where.problem(reference, params.strings());
    }
}
