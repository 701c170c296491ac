package dev.ferry.local;

import dev.ferry.core.FerryException;
import dev.ferry.core.files.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A development stack of real servers kept under one state directory, like {@code airflow standalone}.
 * Start is idempotent, stop only touches processes this stack started, and the state file says what runs
 * where. A file lock serialises concurrent commands (two test JVMs starting the stack at once, say).
 */
public final class LocalStack {

    /** Services started by default, in start order. */
    public static final List<String> SERVICES = List.of(ClickHouseLocalService.NAME, PostgresLocalService.NAME,
            MariaDbLocalService.NAME);

    /** Services started only when named ({@code ferry local start kafka}). */
    public static final List<String> OPTIONAL_SERVICES = List.of(KafkaLocalService.NAME);

    private static final List<String> ALL_SERVICES = java.util.stream.Stream.concat(SERVICES.stream(),
            OPTIONAL_SERVICES.stream()).toList();

    private final StackLayout layout;
    private final Map<String, LocalService> services = new LinkedHashMap<>();

    public LocalStack(Path stateDir) {
        this(stateDir, System.getenv());
    }

    public LocalStack(Path stateDir, Map<String, String> env) {
        this.layout = new StackLayout(stateDir);
        register(new ClickHouseLocalService(env));
        register(new PostgresLocalService(env));
        register(new MariaDbLocalService(env));
        register(new KafkaLocalService());
    }

    private void register(LocalService service) {
        services.put(service.name(), service);
    }

    public Path stateDir() {
        return layout.stateDir();
    }

    /** Outcome of starting one service. */
    public record StartResult(ServiceState state, boolean alreadyRunning) {
    }

    /**
     * Starts the named services (all when empty) that are not already running.
     *
     * @param ports    explicit ports by service name; others are chosen free
     * @param progress told about each service as it is handled
     */
    public List<StartResult> start(List<String> names, Map<String, Integer> ports, Consumer<StartResult> progress) {
        List<String> wanted = resolve(names);
        return withLock(() -> {
            List<StartResult> results = new ArrayList<>();
            StackState state = StackState.load(layout.stateDir());
            for (String name : wanted) {
                LocalService service = services.get(name);
                ServiceState previous = state.service(name).orElse(null);
                StartResult result;
                if (previous != null && previous.pid() > 0 && service.answers(previous)) {
                    result = new StartResult(previous, true);
                } else {
                    if (previous != null && service.isOwnProcessAlive(previous)) {
                        // alive but not answering: restart it rather than start a second copy on its data
                        service.stop(previous);
                    }
                    ServiceState started = service.start(layout, previous, ports.get(name));
                    state = state.with(started);
                    state.save(layout.stateDir());
                    result = new StartResult(started, false);
                }
                results.add(result);
                progress.accept(result);
            }
            return results;
        });
    }

    /** Stops the named services (all when empty) that this stack started; returns the ones it stopped. */
    public List<String> stop(List<String> names, Consumer<String> progress) {
        List<String> wanted = names == null || names.isEmpty() ? ALL_SERVICES : resolve(names);
        return withLock(() -> {
            StackState state = StackState.load(layout.stateDir());
            List<String> stopped = new ArrayList<>();
            for (String name : wanted.reversed()) {
                ServiceState recorded = state.service(name).orElse(null);
                if (recorded == null || recorded.pid() == 0) {
                    continue;
                }
                LocalService service = services.get(name);
                if (service.isOwnProcessAlive(recorded)) {
                    service.stop(recorded);
                    stopped.add(name);
                    progress.accept(name);
                }
                state = state.with(recorded.withPid(0));
                state.save(layout.stateDir());
            }
            return stopped;
        });
    }

    /** Current status of every service, probing each recorded process. */
    public List<ServiceStatus> status() {
        StackState state = StackState.load(layout.stateDir());
        List<ServiceStatus> result = new ArrayList<>();
        for (String name : ALL_SERVICES) {
            ServiceState recorded = state.service(name).orElse(null);
            if (recorded == null && OPTIONAL_SERVICES.contains(name)) {
                continue; // opt-in services appear once they were started
            }
            result.add(new ServiceStatus(name, statusOf(services.get(name), recorded), recorded));
        }
        return result;
    }

    /** The recorded state of a running service, or a clear error naming the command that starts it. */
    public ServiceState running(String name) {
        ServiceState recorded = StackState.load(layout.stateDir()).service(name).orElse(null);
        LocalService service = services.get(name);
        if (recorded == null || service == null || !service.answers(recorded)) {
            throw new FerryException(name + " of the local stack in " + layout.stateDir()
                    + " is not running; start it with: ./ferry local start"
                    + (OPTIONAL_SERVICES.contains(name) ? " " + name : ""));
        }
        return recorded;
    }

    private static ServiceStatus.State statusOf(LocalService service, ServiceState recorded) {
        if (recorded == null) {
            return ServiceStatus.State.NOT_STARTED;
        }
        if (recorded.pid() == 0 || !service.isOwnProcessAlive(recorded)) {
            return ServiceStatus.State.STOPPED;
        }
        return service.answers(recorded) ? ServiceStatus.State.RUNNING : ServiceStatus.State.UNRESPONSIVE;
    }

    private List<String> resolve(List<String> names) {
        if (names == null || names.isEmpty()) {
            return SERVICES;
        }
        for (String name : names) {
            if (!services.containsKey(name)) {
                throw new FerryException("unknown local service '" + name + "'; known: "
                        + String.join(", ", ALL_SERVICES));
            }
        }
        return ALL_SERVICES.stream().filter(names::contains).toList();
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> TRAVERSE_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x");

    private <T> T withLock(java.util.function.Supplier<T> action) {
        Path lockFile = layout.stateDir().resolve(".lock");
        try {
            // the stack's folder holds its servers' data and passwords: the owner's alone, with all beneath it
            OwnerOnly.createDirectories(layout.stateDir());
            if (Processes.runningAsRoot()) {
                // PostgreSQL runs as the postgres user then and must pass through to its own folder (0700,
                // its own): others may pass but not list, and every entry is owner-only
                Files.setPosixFilePermissions(layout.stateDir(), TRAVERSE_ONLY);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                T result = action.get();
                // what the servers made (their folders) with the umask's modes
                try (var entries = Files.list(layout.stateDir())) {
                    for (Path entry : entries.toList()) {
                        OwnerOnly.restrict(entry);
                    }
                }
                return result;
            }
        } catch (IOException e) {
            throw new FerryException("cannot lock local stack state dir " + layout.stateDir() + ": " + e.getMessage(),
                    e);
        }
    }
}
