package dev.ferry.core.config;

import static dev.ferry.core.config.ConfigFiles.CONNECTIONS;
import static dev.ferry.core.config.ConfigFiles.ENV;
import static dev.ferry.core.config.ConfigFiles.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.core.FerryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines naming connections the file does not declare, found in a directory (the connection registry). */
class ConnectionDirectoryTest {

    @TempDir
    Path dir;

    private final List<String> asked = new ArrayList<>();
    private final List<FerryConfig> openedWith = new ArrayList<>();
    private boolean closed;

    private static final ConnectionConfig REGISTRY_PG = new ConnectionConfig("reg_pg", ConnectionType.POSTGRES,
            "10.0.0.5", 5432, "sales", "reader", new Secret("from-registry", "connection registry"), null, Map.of());
    private static final ConnectionConfig REGISTRY_CH = new ConnectionConfig("reg_ch", ConnectionType.CLICKHOUSE,
            "10.0.0.6", 8123, "dwh", "writer", Secret.NONE, "http://10.0.0.6:8123", Map.of());

    /** A directory holding two connections; asking for "locked" fails as a registry without its key does. */
    private ConnectionDirectory.Source directory() {
        return settings -> {
            openedWith.add(settings);
            return Optional.of(new ConnectionDirectory() {
                @Override
                public Optional<ConnectionConfig> find(String name) {
                    asked.add(name);
                    if (name.equals("locked")) {
                        throw new FerryException("connection 'locked' cannot be decrypted: no master key");
                    }
                    return Optional.ofNullable(Map.of("reg_pg", REGISTRY_PG, "reg_ch", REGISTRY_CH).get(name));
                }

                @Override
                public Map<String, ConnectionType> types() {
                    Map<String, ConnectionType> types = new LinkedHashMap<>();
                    types.put("reg_ch", ConnectionType.CLICKHOUSE);
                    types.put("reg_pg", ConnectionType.POSTGRES);
                    types.put("shop_pg", ConnectionType.POSTGRES); // shadowed by the file's own
                    return types;
                }

                @Override
                public String description() {
                    return "the test registry";
                }

                @Override
                public void close() {
                    closed = true;
                }
            });
        };
    }

    private static String pipeline(String source, String target) {
        return CONNECTIONS + """
                orchestrator: {concurrency: 3}
                pipelines:
                  - name: shop
                    source: {connection: %s, tables: [public.users]}
                    target: {connection: %s}
                """.formatted(source, target);
    }

    private ConfigException loadFails(String yaml) {
        Path file = ConfigFiles.write(dir, yaml);
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, ENV, directory()));
    }

    @Test
    void pipelinesMayNameDirectoryConnectionsWhichJoinTheConfigsOwn() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, pipeline("reg_pg", "reg_ch")), ENV, directory());

        assertThat(List.copyOf(config.connections().keySet()))
                .containsExactly("shop_pg", "legacy", "warehouse", "reg_pg", "reg_ch");
        assertThat(config.connections().get("reg_pg")).isEqualTo(REGISTRY_PG);
        assertThat(config.pipelines().get(0).target().database()).isEqualTo("dwh");
        assertThat(asked).containsExactly("reg_pg", "reg_ch");
        assertThat(closed).isTrue();
        FerryConfig settings = openedWith.get(0);
        assertThat(settings.pipelines()).isEmpty();
        assertThat(settings.connections()).containsOnlyKeys("shop_pg", "legacy", "warehouse");
        assertThat(settings.orchestrator().concurrency()).isEqualTo(3);
        assertThat(settings.stateDir()).isEqualTo(config.stateDir());
    }

    @Test
    void theFilesOwnConnectionsWinAndNeedNoDirectory() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, pipeline("shop_pg", "warehouse")), ENV,
                directory());

        assertThat(openedWith).isEmpty();
        assertThat(config.connections()).containsOnlyKeys("shop_pg", "legacy", "warehouse");
        assertThat(config.connections().get("shop_pg").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownNamesListBothPlaces() {
        String yaml = pipeline("nope", "reg_pg");
        ConfigException e = loadFails(yaml);

        assertThat(e.problems()).extracting(ConfigProblem::field, ConfigProblem::line, ConfigProblem::message)
                .containsExactly(
                        tuple("pipelines[0].source.connection", lineOf(yaml, "source:"),
                                "unknown connection 'nope'; defined connections: shop_pg, legacy; in the test"
                                        + " registry: reg_pg"),
                        tuple("pipelines[0].target.connection", lineOf(yaml, "target:"),
                                "connection 'reg_pg' (from the test registry) is postgres, but a target needs"
                                        + " clickhouse; defined connections: warehouse; in the test registry: reg_ch"));
        assertThat(closed).isTrue();
    }

    @Test
    void aConnectionTheDirectoryCannotHandOutIsAProblemAtItsReference() {
        String yaml = pipeline("locked", "warehouse");
        ConfigException e = loadFails(yaml);

        assertThat(e).hasMessage(dir.resolve("ferry.yaml") + ":" + lineOf(yaml, "source:")
                + ": pipelines[0].source.connection: connection 'locked' cannot be decrypted: no master key");
    }

    @Test
    void aDirectoryThatCannotBeOpenedIsAProblemAtTheReference() {
        String yaml = pipeline("reg_pg", "warehouse");
        Path file = ConfigFiles.write(dir, yaml);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, ENV,
                settings -> {
                    throw new FerryException("cannot open the PostgreSQL store: connection refused");
                }));

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("connection 'reg_pg' is not defined in this file, and looking it up elsewhere failed:"
                        + " cannot open the PostgreSQL store: connection refused");
    }

    @Test
    void noDirectoryForThisConfigLeavesTheMessagesOfAPlainFile() {
        String yaml = pipeline("shop", "warehouse");
        Path file = ConfigFiles.write(dir, yaml);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, ENV, settings -> Optional.empty()));

        assertThat(e).hasMessage(dir.resolve("ferry.yaml") + ":" + lineOf(yaml, "source:")
                + ": pipelines[0].source.connection: unknown connection 'shop'; defined connections: shop_pg, legacy");
    }

    @Test
    void theOrchestratorStoreMustBeTheFilesOwn() {
        String yaml = CONNECTIONS + "orchestrator: {store: reg_pg}\n";

        ConfigException e = loadFails(yaml);

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown connection 'reg_pg'; defined connections: shop_pg (or 'embedded' for the"
                        + " file store under state_dir)");
        assertThat(openedWith).isEmpty();
    }

    @Test
    void settingsAloneIgnorePipelinesThatNameConnectionsNotThereYet() {
        Path file = ConfigFiles.write(dir, pipeline("not_added_yet", "warehouse") + "    mode: sometimes\n");

        FerryConfig settings = ConfigLoader.loadSettings(file, ENV);

        assertThat(settings.pipelines()).isEmpty();
        assertThat(settings.connections()).containsOnlyKeys("shop_pg", "legacy", "warehouse");
        assertThat(settings.orchestrator().concurrency()).isEqualTo(3);
    }

    @Test
    void settingsAloneStillReportProblemsOfTheSettings() {
        Path file = ConfigFiles.write(dir, CONNECTIONS + "orchestrator: {concurrency: 0}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadSettings(file, ENV));

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::field).isEqualTo("orchestrator.concurrency");
    }
}
