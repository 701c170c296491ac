package dev.ferry.testing;

import dev.ferry.core.http.ClickHouseHttp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh, uniquely named databases on each test server, created on first use and dropped when the test
 * ends, so tests never see each other's tables.
 */
/** JUnit closes AutoCloseable values of its extension store when the test that created them ends. */
public final class TestDatabases implements AutoCloseable {

    private final TestStack stack;
    private final String name;
    private boolean clickhouseCreated;
    private boolean postgresCreated;
    private boolean mariadbCreated;

    TestDatabases(TestStack stack, String testName) {
        this.stack = stack;
        String prefix = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        this.name = "t_" + prefix.substring(0, Math.min(prefix.length(), 30)) + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    public TestStack stack() {
        return stack;
    }

    /** Same name on every server. */
    public String name() {
        return name;
    }

    public synchronized String clickhouse() {
        if (!clickhouseCreated) {
            clickhouseHttp().execute("CREATE DATABASE " + name);
            clickhouseCreated = true;
        }
        return name;
    }

    public synchronized String postgres() {
        if (!postgresCreated) {
            execute(postgresUrl("ferry"), stack.postgres(), "CREATE DATABASE " + name);
            postgresCreated = true;
        }
        return name;
    }

    public synchronized String mariadb() {
        if (!mariadbCreated) {
            execute(mariadbUrl(""), stack.mariadb(), "CREATE DATABASE " + name
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            mariadbCreated = true;
        }
        return name;
    }

    public String postgresJdbcUrl() {
        return postgresUrl(postgres());
    }

    public String mariadbJdbcUrl() {
        return mariadbUrl(mariadb());
    }

    public Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection(postgresJdbcUrl(), stack.postgres().user(), stack.postgres().password());
    }

    public Connection mariadbConnection() throws SQLException {
        return DriverManager.getConnection(mariadbJdbcUrl(), stack.mariadb().user(), stack.mariadb().password());
    }

    public ClickHouseHttp clickhouseHttp() {
        ServerEndpoint ch = stack.clickhouse();
        return new ClickHouseHttp(ch.host(), ch.port(), ch.user(), ch.password());
    }

    private String postgresUrl(String database) {
        return "jdbc:postgresql://" + stack.postgres().host() + ":" + stack.postgres().port() + "/" + database;
    }

    private String mariadbUrl(String database) {
        return "jdbc:mariadb://" + stack.mariadb().host() + ":" + stack.mariadb().port() + "/" + database;
    }

    private static void execute(String url, ServerEndpoint server, String sql) {
        try (Connection conn = DriverManager.getConnection(url, server.user(), server.password());
                Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (clickhouseCreated) {
            clickhouseHttp().execute("DROP DATABASE IF EXISTS " + name);
        }
        if (postgresCreated) {
            // FORCE: a pool the test forgot to close must not keep the database alive. FORCE may not end an
            // autovacuum worker that just started on freshly loaded tables; it is done within seconds
            for (int attempt = 1; ; attempt++) {
                try {
                    execute(postgresUrl("ferry"), stack.postgres(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    break;
                } catch (IllegalStateException e) {
                    if (attempt == 10 || !e.getMessage().contains("pg_signal_backend")) {
                        throw e;
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
        if (mariadbCreated) {
            execute(mariadbUrl(""), stack.mariadb(), "DROP DATABASE IF EXISTS " + name);
        }
        clickhouseCreated = false;
        postgresCreated = false;
        mariadbCreated = false;
    }
}
