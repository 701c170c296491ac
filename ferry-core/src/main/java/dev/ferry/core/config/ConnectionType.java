package dev.ferry.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a named connection points at: a database Ferry reads from, or the ClickHouse it writes to. */
public enum ConnectionType {
    POSTGRES(5432),
    MYSQL(3306),
    /** The HTTP port: Ferry talks to ClickHouse over HTTP. */
    CLICKHOUSE(8123),
    /** Kafka connections name bootstrap servers (each with its port) instead of one host and port. */
    KAFKA(0);

    /** Ordered, so messages list the choices in this order. */
    private static final Map<String, ConnectionType> NAMES = names();

    private final int defaultPort;

    ConnectionType(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    private static Map<String, ConnectionType> names() {
        Map<String, ConnectionType> names = new LinkedHashMap<>();
        names.put("postgres", POSTGRES);
        names.put("postgresql", POSTGRES);
        names.put("mysql", MYSQL);
        names.put("mariadb", MYSQL);
        names.put("clickhouse", CLICKHOUSE);
        names.put("kafka", KAFKA);
        return Collections.unmodifiableMap(names);
    }

    /** The name used in config files and in messages about them. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The port used when a connection gives none; 0 for Kafka. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Every spelling accepted for {@code type} (postgresql for postgres, mariadb for mysql), lower case. */
    public static Map<String, ConnectionType> byName() {
        return NAMES;
    }

    /** The type spelled {@code name} in any case, or empty. */
    public static Optional<ConnectionType> parse(String name) {
        return Optional.ofNullable(NAMES.get(name.trim().toLowerCase(Locale.ROOT)));
    }
}
