package dev.ferry.orchestrator.dag;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.Problems;
import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.YamlMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The run parameters a DAG declares, and the check every trigger goes through: a value must fit its
 * param's type, and a param the DAG does not declare is refused. Triggering with params is an operator's
 * right, not a shell account, so values are checked rather than trusted.
 *
 * <p>{@code name: value} declares a param with that default, typed by it: an int for a whole number, a
 * string otherwise. {@code name: {type: int|date|string|enum, default:, pattern:, values:, description:}}
 * declares one in full.
 */
public record ParamSpecs(Map<String, ParamSpec> specs) {

    private static final List<String> FIELDS = List.of("type", "default", "pattern", "values", "description");
    private static final Map<String, ParamType> TYPES = new TreeMap<>(Map.of("int", ParamType.INT, "date",
            ParamType.DATE, "string", ParamType.STRING, "enum", ParamType.ENUM));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ParamSpecs {
        specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    }

    public static ParamSpecs none() {
        return new ParamSpecs(Map.of());
    }

    public Optional<ParamSpec> get(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /** The defaults, for runs nobody gave values to (scheduled ones). */
    public Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        specs.values().forEach(spec -> spec.fallback().ifPresent(value -> defaults.put(spec.name(), value)));
        return defaults;
    }

    /** Names of params that must be quoted where SQL or a shell reads them (strings). */
    public Set<String> strings() {
        Set<String> names = new TreeSet<>();
        specs.values().stream().filter(spec -> !spec.type().safeUnquoted()).forEach(spec -> names.add(spec.name()));
        return names;
    }

    /**
     * The params of a run: the defaults with {@code given} over them, each checked against its type.
     *
     * @throws FerryException naming every param, value and rule that does not fit
     */
    public Map<String, Object> resolve(String dagId, Map<String, Object> given) {
        List<String> problems = new ArrayList<>();
        given.keySet().stream().filter(name -> !specs.containsKey(name)).forEach(name -> problems.add(
                "unknown param '" + name + "'" + (specs.isEmpty() ? "; the DAG declares none"
                        : "; the DAG declares " + String.join(", ", specs.keySet()))));
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs.values()) {
            Object value = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.fallback().orElse(null);
            if (value == null) {
                problems.add("param " + spec.name() + " has no default; give it with --param " + spec.name()
                        + "=VALUE (" + spec.rule() + ")");
                continue;
            }
            ParamSpec.Result result = spec.check(value);
            result.problem().ifPresent(problems::add);
            result.value().ifPresent(checked -> params.put(spec.name(), checked));
        }
        if (!problems.isEmpty()) {
            throw new FerryException("DAG " + dagId + ": " + String.join("; ", problems));
        }
        return params;
    }

    /** Reads {@code params:} of a DAG file, reporting what is wrong with each declaration. */
    static ParamSpecs parse(YamlMap dag) {
        Problems problems = dag.problems();
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        dag.map("params").ifPresent(map -> map.entries().forEach((name, entry) -> {
            String field = "params." + name;
            Node value = entry.getValueNode();
            if (!NAME.matcher(name).matches()) {
                problems.add(entry.getKeyNode(), field, "param names may use letters, digits and '_', and not start"
                        + " with a digit");
                return;
            }
            ParamSpec spec = value instanceof MappingNode ? full(name, value, problems)
                    : value instanceof ScalarNode ? shortForm(name, value) : null;
            if (spec == null && !(value instanceof MappingNode) && !(value instanceof ScalarNode)) {
                problems.add(value, field, "expected a default value or {type: ..., default: ...}");
            }
            if (spec != null) {
                specs.put(name, spec);
            }
        }));
        return new ParamSpecs(specs);
    }

    private static ParamSpec shortForm(String name, Node node) {
        Object value = YamlValues.of(node);
        if (value == null) {
            return new ParamSpec(name, ParamType.STRING, Optional.empty(), Optional.empty(), List.of(), "");
        }
        ParamType type = value instanceof Long ? ParamType.INT : ParamType.STRING;
        return new ParamSpec(name, type, Optional.of(type == ParamType.INT ? value : String.valueOf(value)),
                Optional.empty(), List.of(), "");
    }

    private static ParamSpec full(String name, Node node, Problems problems) {
        String field = "params." + name;
        YamlMap map = YamlMap.of(node, field, problems).orElse(null);
        if (map == null) {
            return null;
        }
        int before = problems.count();
        map.rejectUnknown(FIELDS);
        Optional<Scalar> typeName = map.requiredScalar("type");
        ParamType type = typeName.map(scalar -> {
            ParamType known = TYPES.get(scalar.text().trim());
            if (known == null) {
                scalar.report("unknown param type '" + scalar.text().trim() + "'; use one of "
                        + String.join(", ", TYPES.keySet()));
            }
            return known;
        }).orElse(null);
        Optional<Pattern> pattern = map.scalar("pattern").flatMap(scalar -> {
            try {
                return Optional.of(Pattern.compile(scalar.text()));
            } catch (PatternSyntaxException invalid) {
                scalar.report("not a regular expression: " + invalid.getDescription());
                return Optional.empty();
            }
        });
        if (pattern.isPresent() && type != ParamType.STRING && type != null) {
            problems.add(map.value("pattern").orElseThrow(), field + ".pattern", "pattern is for string params");
        }
        List<String> values = map.has("values") ? map.strings("values") : List.of();
        if (type == ParamType.ENUM && values.isEmpty()) {
            problems.add(node, field + ".values", "an enum param needs values: [a, b, ...]");
        }
        if (!values.isEmpty() && type != ParamType.ENUM && type != null) {
            problems.add(map.value("values").orElseThrow(), field + ".values", "values are for enum params");
        }
        if (type == null || problems.count() > before) {
            return null;
        }
        ParamSpec unchecked = new ParamSpec(name, type, Optional.empty(), pattern, values,
                map.string("description", ""));
        Optional<Object> fallback = Optional.empty();
        Optional<Node> defaultNode = map.value("default");
        if (defaultNode.isPresent() && YamlValues.of(defaultNode.get()) != null) {
            ParamSpec.Result checked = unchecked.check(YamlValues.of(defaultNode.get()));
            if (checked.problem().isPresent()) {
                problems.add(defaultNode.get(), field + ".default", "the default does not fit: "
                        + checked.problem().get());
                return null;
            }
            fallback = checked.value();
        }
        return new ParamSpec(name, type, fallback, pattern, values, unchecked.description());
    }
}
