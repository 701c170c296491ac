package dev.ferry.jdbc;

import java.util.Locale;

/** The relational databases Ferry reads from, with what differs in how to reach them. */
public enum SourceKind {
    POSTGRES("postgresql", 5432),
    MYSQL("mariadb", 3306);

    private final String jdbcScheme;
    private final int defaultPort;

    SourceKind(String jdbcScheme, int defaultPort) {
        this.jdbcScheme = jdbcScheme;
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String jdbcUrl(String host, int port, String database) {
        return "jdbc:" + jdbcScheme + "://" + host + ":" + port + "/" + database;
    }

    /** Accepts the names users write in configs: postgres/postgresql, mysql/mariadb. */
    public static SourceKind parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql", "pg" -> POSTGRES;
            case "mysql", "mariadb" -> MYSQL;
            default -> throw new IllegalArgumentException("unknown source type '" + name
                    + "'; expected postgres or mysql (mariadb)");
        };
    }
}
