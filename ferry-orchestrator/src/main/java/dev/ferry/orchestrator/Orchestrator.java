package dev.ferry.orchestrator;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.connections.ConnectionRegistry;
import dev.ferry.orchestrator.connections.RegistryConnections;
import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.DagFolder;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.dag.DagSet;
import dev.ferry.orchestrator.run.CronRuns;
import dev.ferry.orchestrator.run.Scheduler;
import dev.ferry.orchestrator.run.SchedulerListener;
import dev.ferry.orchestrator.run.SchedulerSettings;
import dev.ferry.orchestrator.run.TaskEnvironment;
import dev.ferry.orchestrator.store.DagRun;
import dev.ferry.orchestrator.store.DagStateStore;
import dev.ferry.orchestrator.store.LogStore;
import dev.ferry.orchestrator.store.MetadataStore;
import dev.ferry.orchestrator.store.RunStore;
import dev.ferry.core.config.Secret;
import dev.ferry.orchestrator.connections.MasterKeys;
import dev.ferry.orchestrator.task.TaskSecrets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.ferry.orchestrator.task.TaskTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The orchestrator of one config, as its clients (CLI, server) use it: the DAG folder, the metadata store
 * and what runs tasks. Opening it opens (and migrates) the store.
 */
public final class Orchestrator implements AutoCloseable {

    private final FerryConfig config;
    private final MetadataStore store;
    private final TaskTypes types;
    private final DagParser parser;
    private final DagFolder folder;
    private final RegistryConnections connections;
    private final Map<String, String> env;
    private final Clock clock;

    private Orchestrator(FerryConfig config, MetadataStore store, TaskTypes types, RegistryConnections connections,
                         Map<String, String> env, Clock clock) {
        this.config = config;
        this.store = store;
        this.types = types;
        this.parser = new DagParser(types);
        this.folder = new DagFolder(config.orchestrator().dagsFolder(), parser);
        this.connections = connections;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /**
     * Opens the config's store. Tasks find connections in the config first, then in the connection registry
     * of the store; the master key (from the config or {@code env}) is read only when a registry connection
     * is used.
     */
    public static Orchestrator open(FerryConfig config, Map<String, String> env) {
        MetadataStore store = MetadataStore.open(config);
        try {
            ConnectionRegistry registry = ConnectionRegistry.of(store, config, env);
            return new Orchestrator(config, store, TaskTypes.standard(), new RegistryConnections(config, registry),
                    env, Clock.systemUTC());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public FerryConfig config() {
        return config;
    }

    public MetadataStore store() {
        return store;
    }

    public DagSet dags() {
        return folder.load();
    }

    public Dag dag(String dagId) {
        return dags().require(dagId);
    }

    public RunStore runs() {
        return new RunStore(store);
    }

    public LogStore logs() {
        return new LogStore(store);
    }

    public DagStateStore dagStates() {
        return new DagStateStore(store);
    }

    /** The next time a scheduled DAG fires, if it has a schedule. */
    public Optional<Instant> nextFire(Dag dag) {
        return CronRuns.nextFire(dag, dagStates().state(dag.id()), clock.instant());
    }

    /** Pauses or resumes scheduling of a DAG; one the scheduler has not seen yet is registered first. */
    public void setPaused(String dagId, boolean paused) {
        Dag dag = dag(dagId);
        DagStateStore states = dagStates();
        states.register(dag.id(), dag.pausedOnCreation(), CronRuns.baseline(dag, clock.instant()), clock.instant());
        states.setPaused(dag.id(), paused);
    }

    public DagRun trigger(String dagId, Map<String, Object> params) {
        Dag dag = dag(dagId);
        dagStates().register(dag.id(), dag.pausedOnCreation(), CronRuns.baseline(dag, clock.instant()),
                clock.instant());
        return new dev.ferry.orchestrator.run.RunFactory(runs()).manual(dag, params, clock.instant());
    }

    /** A scheduler over this config's DAGs and store. */
    public Scheduler scheduler(SchedulerSettings settings, SchedulerListener listener, Consumer<String> echo) {
        return new Scheduler(settings, store, folder, parser, types, environment(), clock, listener, echo);
    }

    /**
     * A scheduler for one-off runs ({@code ferry dags test}) in a store of its own that lives in memory: it
     * runs the DAG now, without a scheduler process, and leaves the real store's history alone.
     */
    public static Scheduler isolated(Orchestrator orchestrator, MetadataStore scratch, SchedulerSettings settings,
                                     SchedulerListener listener, Consumer<String> echo) {
        return new Scheduler(settings.executeOnly(), scratch, null, orchestrator.parser, orchestrator.types,
                orchestrator.environment(), orchestrator.clock, listener, echo);
    }

    public TaskEnvironment environment() {
        return new TaskEnvironment(Optional.of(config), connections, config.file().getParent(), secrets());
    }

    /**
     * The config's secrets and the registry passwords tasks have used, and the variables they came from: the
     * config's {@code ${env:NAME}} references and the master key's variables, whether or not a key is set.
     */
    private TaskSecrets secrets() {
        Set<String> variables = new HashSet<>(Set.of(MasterKeys.ENV, MasterKeys.FILE_ENV));
        config.secrets().forEach(secret -> secret.environmentVariable().ifPresent(variables::add));
        List<String> fromConfig = new ArrayList<>(config.secrets().stream().map(Secret::reveal).toList());
        Optional.ofNullable(env.get(MasterKeys.ENV)).ifPresent(fromConfig::add);
        return new TaskSecrets(env, variables, () -> {
            List<String> values = new ArrayList<>(fromConfig);
            values.addAll(connections.passwordsHandedOut());
            return values;
        });
    }

    public TaskTypes types() {
        return types;
    }

    @Override
    public void close() {
        store.close();
    }
}
