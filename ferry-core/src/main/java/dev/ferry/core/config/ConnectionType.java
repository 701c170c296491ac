package dev.ferry.core.config;

import java.util.Locale;

/** What a named connection points at: a database Ferry reads from, or the ClickHouse it writes to. */
public enum ConnectionType {
    POSTGRES,
    MYSQL,
    CLICKHOUSE,
    KAFKA;

    /** The name used in config files and in messages about them. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
