package dev.ferry.core.config;

import dev.ferry.core.FerryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The connections a config declares, as far as they could be read, for checking what pipelines refer to.
 * A connection with problems of its own is still known by name (and by type when that was readable), so a
 * pipeline using it gets no second, misleading "unknown connection" problem.
 *
 * <p>With a {@link ConnectionDirectory} attached, names the file does not declare are looked up there, once
 * each; the directory is opened only on the first such name. Without one, behaviour and messages are exactly
 * those of a plain file.
 */
final class DeclaredConnections {

    /** A null type: declared, but its type is missing or invalid (already reported). */
    private final Map<String, ConnectionType> types = new LinkedHashMap<>();
    private final Map<String, ConnectionConfig> valid = new LinkedHashMap<>();
    /** Names not in the file, as the directory answered them, in the order pipelines first used them. */
    private final Map<String, External> external = new LinkedHashMap<>();

    private ConnectionDirectory.Source directorySource;
    private Supplier<FerryConfig> settings;
    /** Null until needed; then the directory, or empty when the config has none. */
    private Optional<ConnectionDirectory> directory;
    /** Why the directory could not be opened, when it could not. */
    private String directoryFailure;

    /** What the directory said about one name: its connection, nothing (both null), or why it cannot say. */
    private record External(ConnectionConfig config, String problem) {
    }

    /** @param config null when the connection had problems */
    void add(String name, ConnectionType type, ConnectionConfig config) {
        types.put(name, type);
        if (config != null) {
            valid.put(name, config);
        }
    }

    /**
     * Lets later lookups fall back to a directory. Attached only after the parts of the config that must name
     * the file's own connections (the orchestrator store cannot live in the registry it holds) are read.
     *
     * @param settings the config as far as it is known, for opening the directory
     */
    void useDirectory(ConnectionDirectory.Source source, Supplier<FerryConfig> settings) {
        this.directorySource = source;
        this.settings = settings;
    }

    Optional<ConnectionType> type(String name) {
        if (types.containsKey(name)) {
            return Optional.ofNullable(types.get(name));
        }
        return Optional.ofNullable(lookUp(name).config()).map(ConnectionConfig::type);
    }

    Optional<ConnectionConfig> get(String name) {
        if (types.containsKey(name)) {
            return Optional.ofNullable(valid.get(name));
        }
        return Optional.ofNullable(lookUp(name).config());
    }

    /** The file's valid connections. */
    Map<String, ConnectionConfig> declared() {
        return valid;
    }

    /** The file's valid connections, then those pipelines took from the directory. */
    Map<String, ConnectionConfig> all() {
        Map<String, ConnectionConfig> all = new LinkedHashMap<>(valid);
        external.forEach((name, found) -> {
            if (found.config() != null) {
                all.put(name, found.config());
            }
        });
        return all;
    }

    /**
     * Empty when {@code name} can serve as {@code role} (or cannot be checked because its type is broken);
     * otherwise what is wrong, listing the connections that would fit.
     */
    Optional<String> checkReference(String name, Set<ConnectionType> wanted, String role) {
        String wantedLabel = wanted.stream().map(ConnectionType::label).sorted().collect(Collectors.joining(" or "));
        ConnectionType type;
        String from = "";
        if (types.containsKey(name)) {
            type = types.get(name);
        } else {
            External found = lookUp(name);
            if (found.problem() != null) {
                return Optional.of(found.problem());
            }
            if (found.config() == null) {
                return Optional.of("unknown connection '" + name + "'; " + choices(wanted, wantedLabel));
            }
            type = found.config().type();
            from = " (from " + directory.orElseThrow().description() + ")";
        }
        if (type == null || wanted.contains(type)) {
            return Optional.empty();
        }
        return Optional.of("connection '" + name + "'" + from + " is " + type.label() + ", but " + role + " needs "
                + wantedLabel + "; " + choices(wanted, wantedLabel));
    }

    /** The file's connections of a wanted type, then the directory's when there is one. */
    private String choices(Set<ConnectionType> wanted, String wantedLabel) {
        String fitting = types.entrySet().stream()
                .filter(entry -> entry.getValue() != null && wanted.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        String choices = fitting.isEmpty() ? "no " + wantedLabel + " connection is defined"
                : "defined connections: " + fitting;
        if (directory == null || directory.isEmpty()) {
            return choices;
        }
        String inDirectory;
        try {
            inDirectory = directory.get().types().entrySet().stream()
                    .filter(entry -> wanted.contains(entry.getValue()) && !types.containsKey(entry.getKey()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.joining(", "));
        } catch (FerryException unreadable) {
            return choices; // the lookup that led here worked; a listing that fails adds nothing useful
        }
        return choices + "; " + (inDirectory.isEmpty() ? "none in " + directory.get().description()
                : "in " + directory.get().description() + ": " + inDirectory);
    }

    private External lookUp(String name) {
        if (directorySource == null) {
            return new External(null, null);
        }
        return external.computeIfAbsent(name, this::ask);
    }

    private External ask(String name) {
        if (directory == null) {
            open();
        }
        if (directoryFailure != null) {
            return new External(null, "connection '" + name + "' is not defined in this file, and looking it up"
                    + " elsewhere failed: " + directoryFailure);
        }
        if (directory.isEmpty()) {
            return new External(null, null);
        }
        try {
            return new External(directory.get().find(name).orElse(null), null);
        } catch (FerryException e) {
            return new External(null, e.getMessage());
        }
    }

    private void open() {
        try {
            directory = directorySource.open(settings.get());
        } catch (FerryException e) {
            directory = Optional.empty();
            directoryFailure = e.getMessage();
        }
    }

    /** Closes the directory if it was opened; the loaded config keeps what it took from it. */
    void closeDirectory() {
        if (directory != null) {
            directory.ifPresent(ConnectionDirectory::close);
        }
    }
}
