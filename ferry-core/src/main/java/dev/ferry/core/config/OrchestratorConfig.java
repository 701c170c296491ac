package dev.ferry.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the orchestrator finds DAG files and keeps its metadata (runs, task instances, logs, connections).
 *
 * @param dagsFolder      the folder of DAG files, absolute
 * @param storeConnection a PostgreSQL connection of the config holding the metadata; empty for the embedded
 *                        file store under the state directory, which needs no setup
 * @param storeSchema     the PostgreSQL schema of the metadata tables
 * @param concurrency     task instances one scheduler runs at once
 * @param pollInterval    how often a scheduler looks for work others created (its own finishing tasks wake it)
 * @param lostAfter       a running task whose scheduler sent no heartbeat for this long is taken as lost (the
 *                        process died) and retried
 * @param masterKey       the key that encrypts registry passwords; empty means {@code FERRY_MASTER_KEY} or
 *                        {@code FERRY_MASTER_KEY_FILE} from the environment
 */
public record OrchestratorConfig(Path dagsFolder, Optional<String> storeConnection, String storeSchema,
                                 int concurrency, Duration pollInterval, Duration lostAfter,
                                 Optional<Secret> masterKey) {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final String DEFAULT_SCHEMA = "ferry_meta";
    public static final Duration DEFAULT_LOST_AFTER = Duration.ofSeconds(60);

    public OrchestratorConfig {
        Objects.requireNonNull(dagsFolder, "dagsFolder");
        Objects.requireNonNull(storeConnection, "storeConnection");
        Objects.requireNonNull(storeSchema, "storeSchema");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lostAfter, "lostAfter");
        Objects.requireNonNull(masterKey, "masterKey");
    }

    /** The settings of a config without an {@code orchestrator} section. */
    public static OrchestratorConfig defaults(Path configDir) {
        return new OrchestratorConfig(configDir.resolve("dags"), Optional.empty(), DEFAULT_SCHEMA,
                DEFAULT_CONCURRENCY, DEFAULT_POLL_INTERVAL, DEFAULT_LOST_AFTER, Optional.empty());
    }
}
