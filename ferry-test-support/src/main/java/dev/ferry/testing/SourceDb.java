package dev.ferry.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's database on one of the source servers, so a scenario can be written once and run against
 * PostgreSQL and MariaDB: its connection block for a Ferry config, statements, rows as text.
 */
public final class SourceDb {

    public enum Kind { POSTGRES, MARIADB }

    private final TestDatabases db;
    private final Kind kind;

    public SourceDb(TestDatabases db, Kind kind) {
        this.db = db;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean postgres() {
        return kind == Kind.POSTGRES;
    }

    public ServerEndpoint server() {
        return postgres() ? db.stack().postgres() : db.stack().mariadb();
    }

    public String database() {
        return postgres() ? db.postgres() : db.mariadb();
    }

    /** The table's name as a pipeline lists it: {@code public.t} or {@code <database>.t}. */
    public String qualified(String table) {
        return (postgres() ? "public" : database()) + "." + table;
    }

    /** A {@code connections:} entry named {@code name} whose password is {@code passwordRef}. */
    public String connectionYaml(String name, String passwordRef) {
        ServerEndpoint server = server();
        return "%s: {type: %s, host: %s, port: %d, database: %s, user: %s, password: \"%s\"}".formatted(name,
                postgres() ? "postgres" : "mariadb", server.host(), server.port(), database(), server.user(),
                passwordRef);
    }

    public Connection connect() throws SQLException {
        return postgres() ? db.postgresConnection() : db.mariadbConnection();
    }

    public void execute(String... statements) throws SQLException {
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Runs statements as PostgreSQL's superuser in this test's database (what a DBA would do once). */
    public void executeAsSuperuser(String... statements) throws SQLException {
        ServerEndpoint su = db.stack().postgresSuperuser();
        try (Connection conn = java.sql.DriverManager.getConnection(db.postgresJdbcUrl(), su.user(), su.password());
                Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Every row of the query, each column as the driver's text. */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection conn = connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Drops the replication slot a CDC pipeline left behind (PostgreSQL keeps WAL for it otherwise). */
    public void dropSlot(String slot) throws SQLException {
        if (postgres()) {
            execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'");
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
