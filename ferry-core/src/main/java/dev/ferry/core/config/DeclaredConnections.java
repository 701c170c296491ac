package dev.ferry.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connections a config declares, as far as they could be read, for checking what pipelines refer to.
 * A connection with problems of its own is still known by name (and by type when that was readable), so a
 * pipeline using it gets no second, misleading "unknown connection" problem.
 */
final class DeclaredConnections {

    /** A null type: declared, but its type is missing or invalid (already reported). */
    private final Map<String, ConnectionType> types = new LinkedHashMap<>();
    private final Map<String, ConnectionConfig> valid = new LinkedHashMap<>();

    /** @param config null when the connection had problems */
    void add(String name, ConnectionType type, ConnectionConfig config) {
        types.put(name, type);
        if (config != null) {
            valid.put(name, config);
        }
    }

    Optional<ConnectionType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    Optional<ConnectionConfig> get(String name) {
        return Optional.ofNullable(valid.get(name));
    }

    Map<String, ConnectionConfig> valid() {
        return valid;
    }

    /**
     * Empty when {@code name} can serve as {@code role} (or cannot be checked because its type is broken);
     * otherwise what is wrong, listing the connections that would fit.
     */
    Optional<String> checkReference(String name, Set<ConnectionType> wanted, String role) {
        String wantedLabel = wanted.stream().map(ConnectionType::label).sorted().collect(Collectors.joining(" or "));
        String fitting = types.entrySet().stream()
                .filter(entry -> entry.getValue() != null && wanted.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        String choices = fitting.isEmpty() ? "no " + wantedLabel + " connection is defined"
                : "defined connections: " + fitting;
        if (!types.containsKey(name)) {
            return Optional.of("unknown connection '" + name + "'; " + choices);
        }
        ConnectionType type = types.get(name);
        if (type == null || wanted.contains(type)) {
            return Optional.empty();
        }
        return Optional.of("connection '" + name + "' is " + type.label() + ", but " + role + " needs "
                + wantedLabel + "; " + choices);
    }
}
