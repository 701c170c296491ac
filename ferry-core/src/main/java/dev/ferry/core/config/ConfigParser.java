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
    private final ConnectionDirectory.Source directory;
    private final boolean readPipelines;

    /**
     * @param file          absolute
     * @param directory     where pipelines may find connections the file does not declare; null for none
     * @param readPipelines false to read only the settings and connections, for commands that must work while
     *                      pipelines still name connections that do not exist yet ({@code ferry connections add})
     */
    ConfigParser(Path file, Problems problems, Map<String, String> env, ConnectionDirectory.Source directory,
                 boolean readPipelines) {
        this.file = file;
        this.problems = problems;
        this.env = env;
        this.directory = directory;
        this.readPipelines = readPipelines;
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
        // read before pipelines: the store it names must be one of the file's own connections, and it is what
        // tells where the directory that pipelines may draw on lives
        OrchestratorConfig orchestrator = new OrchestratorParser(file.getParent(), secrets, connections)
                .parse(top.map("orchestrator"));
        if (!readPipelines) {
            problems.throwIfAny();
            return new FerryConfig(file, stateDir, connections.declared(), List.of(), orchestrator);
        }
        if (directory != null) {
            connections.useDirectory(directory,
                    () -> new FerryConfig(file, stateDir, connections.declared(), List.of(), orchestrator));
        }
        try {
            List<PipelineConfig> pipelines = pipelines(top, connections);
            problems.throwIfAny();
            return new FerryConfig(file, stateDir, connections.all(), pipelines, orchestrator);
        } finally {
            connections.closeDirectory();
        }
    }

    private List<PipelineConfig> pipelines(YamlMap top, DeclaredConnections connections) {
        PipelineParser pipelineParser = new PipelineParser(problems, connections);
        List<Node> items = top.list("pipelines");
        List<PipelineConfig> pipelines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PipelineConfig pipeline = pipelineParser.parse(items.get(i), "pipelines[" + i + "]");
            if (pipeline != null) {
                pipelines.add(pipeline);
            }
        }
        return pipelines;
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
