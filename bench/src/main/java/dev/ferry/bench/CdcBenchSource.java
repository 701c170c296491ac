package dev.ferry.bench;

import dev.ferry.local.ServiceState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The CDC benchmarks' source: an {@code accounts} table of a given size in PostgreSQL or MariaDB. */
record CdcBenchSource(String kind, ServiceState server, String url, String password, String database) {

    static CdcBenchSource of(String kind, Servers servers, String database) {
        return switch (kind) {
            case "postgres" -> new CdcBenchSource(kind, servers.postgres(), servers.postgresUrl(database),
                    Servers.password(servers.postgres()), database);
            case "mariadb" -> new CdcBenchSource(kind, servers.mariadb(), servers.mariadbUrl(database),
                    Servers.password(servers.mariadb()), database);
            default -> throw new IllegalArgumentException("--source must be postgres, mariadb or both, not " + kind);
        };
    }

    boolean postgres() {
        return kind.equals("postgres");
    }

    /** {@code public.accounts} or {@code <database>.accounts}. */
    String table() {
        return (postgres() ? "public" : database) + ".accounts";
    }

    /** A connections: entry named {@code src}. */
    String connectionYaml() {
        return "src: {type: %s, host: %s, port: %d, database: %s, user: %s, password: \"${file:%s}\"}".formatted(
                kind, server.host(), server.port(), database, server.user(), server.passwordFile());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, server.user(), password);
    }

    /** Recreates the database with {@code rows} accounts, and drops a slot left by an earlier run. */
    void prepare(int rows, String slot) throws SQLException {
        String adminUrl = postgres() ? url.substring(0, url.lastIndexOf('/') + 1) + "ferry"
                : url.substring(0, url.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(adminUrl, server.user(), password);
                Statement st = admin.createStatement()) {
            if (postgres()) {
                st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'");
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } else {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL, note varchar(64))");
            st.execute(String.format(Locale.ROOT, postgres()
                    ? "INSERT INTO accounts SELECT g, 0, 'account ' || g FROM generate_series(1, %d) g"
                    : "INSERT INTO accounts SELECT seq, 0, concat('account ', seq) FROM seq_1_to_%d", rows));
        }
    }
}
