package dev.ferry.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the optional {@code orchestrator} section of a config file. */
final class OrchestratorParser {

    private static final List<String> FIELDS = List.of("dags_folder", "store", "schema", "concurrency",
            "poll_interval", "lost_after", "master_key");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path configDir;
    private final SecretResolver secrets;
    private final DeclaredConnections connections;

    OrchestratorParser(Path configDir, SecretResolver secrets, DeclaredConnections connections) {
        this.configDir = configDir;
        this.secrets = secrets;
        this.connections = connections;
    }

    OrchestratorConfig parse(Optional<YamlMap> section) {
        OrchestratorConfig defaults = OrchestratorConfig.defaults(configDir);
        if (section.isEmpty()) {
            return defaults;
        }
        YamlMap map = section.get();
        map.rejectUnknown(FIELDS);
        Path dags = defaults.dagsFolder();
        Optional<Scalar> folder = map.scalar("dags_folder");
        if (folder.isPresent()) {
            try {
                dags = configDir.resolve(folder.get().text()).normalize();
            } catch (InvalidPathException invalid) {
                folder.get().report("not a valid path: " + invalid.getReason());
            }
        }
        Optional<String> store = map.scalar("store").flatMap(this::store);
        String schema = map.string("schema", OrchestratorConfig.DEFAULT_SCHEMA);
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            map.scalar("schema").ifPresent(value -> value.report("expected a schema name of letters, digits and '_'"));
            schema = OrchestratorConfig.DEFAULT_SCHEMA;
        }
        int concurrency = map.integer("concurrency", OrchestratorConfig.DEFAULT_CONCURRENCY, 1, 256);
        var poll = map.duration("poll_interval", OrchestratorConfig.DEFAULT_POLL_INTERVAL, false);
        var lost = map.duration("lost_after", OrchestratorConfig.DEFAULT_LOST_AFTER, false);
        if (poll != null && lost != null && poll.multipliedBy(3).compareTo(lost) > 0) {
            map.scalar("poll_interval").ifPresent(value -> value.report("poll_interval must be at most a third of"
                    + " lost_after (" + lost.toMillis() / 1000.0 + "s), or running tasks look lost to other schedulers"));
        }
        Optional<Secret> masterKey = map.scalar("master_key").map(value -> secrets.password(value, false));
        return new OrchestratorConfig(dags, store, schema, concurrency,
                poll == null ? OrchestratorConfig.DEFAULT_POLL_INTERVAL : poll,
                lost == null ? OrchestratorConfig.DEFAULT_LOST_AFTER : lost, masterKey);
    }

    /** {@code embedded} (the default) or the name of a PostgreSQL connection of this config. */
    private Optional<String> store(Scalar value) {
        String text = value.text().trim();
        if (text.equalsIgnoreCase("embedded")) {
            return Optional.empty();
        }
        connections.checkReference(text, EnumSet.of(ConnectionType.POSTGRES), "the orchestrator store")
                .ifPresent(problem -> value.report(problem + " (or 'embedded' for the file store under state_dir)"));
        return Optional.of(text);
    }
}
