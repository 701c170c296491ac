package dev.ferry.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Turns the composed YAML of one config file into a {@link FerryConfig}, or a problem list. */
final class ConfigParser {

    private static final List<String> FIELDS = List.of("state_dir", "allow_plaintext_secrets", "connections",
            "pipelines", "orchestrator");
    /** Connection names show up in messages and CLI arguments, so they follow the pipeline name rule. */
    private static final Pattern CONNECTION_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String DEFAULT_STATE_DIR = ".ferry/state";

    private final Path file;
    private final Problems problems;
    private final Map<String, String> env;

    /** @param file absolute */
    ConfigParser(Path file, Problems problems, Map<String, String> env) {
        this.file = file;
        this.problems = problems;
        this.env = env;
    }

    /** @param root the composed document, null for an empty file */
    FerryConfig parse(Node root) {
        if (root == null) {
            throw problems.fail(1, "", "the file is empty; expected connections and pipelines");
        }
        if (!(root instanceof MappingNode)) {
            throw problems.fail(YamlNodes.line(root), "", "expected a mapping with connections and pipelines at the"
                    + " top, got " + YamlNodes.kind(root));
        }
        YamlMap top = YamlMap.of(root, "", problems).orElseThrow();
        top.rejectUnknown(FIELDS);
        Path stateDir = stateDir(top);
        SecretResolver secrets = new SecretResolver(file.getParent(), env);
        ConnectionParser connectionParser = new ConnectionParser(problems, secrets,
                top.bool("allow_plaintext_secrets", false));
        DeclaredConnections connections = new DeclaredConnections();
        top.map("connections").ifPresent(map -> map.entries().forEach((name, entry) ->
                connection(connectionParser, connections, map, name, entry)));

        PipelineParser pipelineParser = new PipelineParser(problems, connections);
        List<Node> items = top.list("pipelines");
        List<PipelineConfig> pipelines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PipelineConfig pipeline = pipelineParser.parse(items.get(i), "pipelines[" + i + "]");
            if (pipeline != null) {
                pipelines.add(pipeline);
            }
        }
        OrchestratorConfig orchestrator = new OrchestratorParser(file.getParent(), secrets, connections)
                .parse(top.map("orchestrator"));
        problems.throwIfAny();
        return new FerryConfig(file, stateDir, connections.valid(), pipelines, orchestrator);
    }

    private Path stateDir(YamlMap top) {
        String dir = top.string("state_dir", DEFAULT_STATE_DIR);
        try {
            return file.getParent().resolve(dir).normalize();
        } catch (InvalidPathException invalid) {
            top.scalar("state_dir").ifPresent(value -> value.report("not a valid path: " + invalid.getReason()));
            return file.getParent().resolve(DEFAULT_STATE_DIR);
        }
    }

    private void connection(ConnectionParser parser, DeclaredConnections connections, YamlMap map, String name,
                            NodeTuple entry) {
        String path = map.field(name);
        if (!CONNECTION_NAME.matcher(name).matches()) {
            problems.add(entry.getKeyNode(), path, "connection names may use only letters, digits, '_' and '-'");
        }
        YamlMap.of(entry.getValueNode(), path, problems).ifPresentOrElse(
                connection -> {
                    ConnectionType type = parser.type(connection);
                    connections.add(name, type, parser.parse(name, connection, type));
                },
                () -> connections.add(name, null, null));
    }
}
