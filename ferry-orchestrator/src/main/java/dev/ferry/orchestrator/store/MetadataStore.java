package dev.ferry.orchestrator.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.OrchestratorConfig;
import dev.ferry.core.files.OwnerOnly;
import dev.ferry.jdbc.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The orchestrator's database: runs, task instances, attempts, logs, DAG states, connections. Embedded by
 * default (an H2 file under the state directory, in PostgreSQL mode so one set of migrations serves both;
 * H2's auto-server mode lets CLI commands read it while a scheduler holds it open), or a schema in PostgreSQL
 * for production and for several schedulers. Opening migrates the schema with Flyway.
 */
public final class MetadataStore implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:db/orchestrator";
    /** H2 adds {@code .mv.db}. */
    private static final String EMBEDDED_FILE = "metadata";
    /** The embedded store's generated password, next to it, owner-only. */
    public static final String PASSWORD_FILE = "metadata.password";
    static final String EMBEDDED_USER = "ferry";

    static {
        listenOnLoopbackOnly();
    }

    /**
     * H2's auto-server (through which other Ferry processes reach a store a scheduler holds open) binds every
     * interface unless told otherwise; it is for processes on this machine only. H2 reads the setting once, when
     * it is first used in a JVM: programs that use H2 before opening a store must call this first.
     */
    public static void listenOnLoopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;
    private final String description;
    private final boolean postgres;

    private MetadataStore(HikariDataSource dataSource, String description, boolean postgres) {
        this.dataSource = dataSource;
        this.description = description;
        this.postgres = postgres;
    }

    /** The store a config names: its PostgreSQL connection, or the embedded file under its state directory. */
    public static MetadataStore open(FerryConfig config) {
        OrchestratorConfig settings = config.orchestrator();
        if (settings.storeConnection().isPresent()) {
            String name = settings.storeConnection().get();
            ConnectionConfig connection = config.connections().get(name);
            if (connection == null) {
                throw new FerryException("orchestrator.store names connection '" + name + "', which is not defined");
            }
            return postgres(connection, settings.storeSchema());
        }
        try {
            // the state folder holds the store, sync positions and CDC offsets: the owner's alone
            OwnerOnly.createDirectories(config.stateDir());
        } catch (IOException e) {
            throw new FerryException("cannot create the state folder " + config.stateDir() + ": " + e.getMessage(), e);
        }
        return embedded(embeddedDirectory(config));
    }

    /**
     * Whether {@link #open} would find a store rather than make one: a PostgreSQL store is named in the config;
     * an embedded one exists once something has been stored. Lets commands that merely could use the store
     * (loading a config whose pipelines may name registry connections) leave no empty store behind.
     */
    public static boolean exists(FerryConfig config) {
        return config.orchestrator().storeConnection().isPresent()
                || Files.exists(embeddedDirectory(config).resolve(EMBEDDED_FILE + ".mv.db"));
    }

    private static Path embeddedDirectory(FerryConfig config) {
        return config.stateDir().resolve("orchestrator");
    }

    /** The embedded store in {@code directory}, created on first use. */
    public static MetadataStore embedded(Path directory) {
        String password;
        // a store made before stores had passwords: user ferry, empty password
        boolean withoutPassword = Files.exists(directory.resolve(EMBEDDED_FILE + ".mv.db"))
                && !Files.exists(directory.resolve(PASSWORD_FILE));
        try {
            OwnerOnly.createDirectories(directory);
            password = EmbeddedPassword.loadOrCreate(directory.resolve(PASSWORD_FILE));
        } catch (IOException e) {
            throw new FerryException("cannot create the orchestrator store folder " + directory + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve(EMBEDDED_FILE)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
                // no metadata.trace.db: H2 would make it later, with the umask's modes, and errors reach Ferry anyway
                + ";TRACE_LEVEL_FILE=0";
        if (withoutPassword) {
            EmbeddedPassword.setIfStillEmpty(url, EMBEDDED_USER, password);
        }
        MetadataStore store = openEmbedded(url, password, directory);
        try {
            // H2 makes its files with the process's umask (0644 usually): the store holds task logs and the
            // registry, and its lock file the auto-server's address
            OwnerOnly.restrictTree(directory);
        } catch (IOException e) {
            store.close();
            throw new FerryException("cannot make the orchestrator store folder " + directory + " owner-only: "
                    + e.getMessage(), e);
        }
        return store;
    }

    private static MetadataStore openEmbedded(String url, String password, Path directory) {
        // two processes opening the file at the same moment (a scheduler starting while a CLI command runs)
        // make H2 refuse one of them while the other writes the lock file: wait and open again
        long deadline = System.nanoTime() + EMBEDDED_OPEN_PATIENCE.toNanos();
        while (true) {
            try {
                return open(url, EMBEDDED_USER, password, null, "embedded store " + directory, false);
            } catch (FerryException e) {
                if (!busyLockFile(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200 + java.util.concurrent.ThreadLocalRandom.current().nextInt(300));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final java.time.Duration EMBEDDED_OPEN_PATIENCE = java.time.Duration.ofSeconds(60);

    private static boolean busyLockFile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Lock file recently modified") || message.contains("Database may be already in use")
                    || message.contains("Connection is broken")) {
                return true;
            }
        }
        return false;
    }

    /** An in-memory store, gone when closed: for {@code ferry dags test} style runs and unit tests. */
    public static MetadataStore inMemory(String name) {
        String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1";
        return open(url, "ferry", "", null, "in-memory store " + name, false);
    }

    public static MetadataStore postgres(ConnectionConfig connection, String schema) {
        String url = "jdbc:postgresql://" + connection.host() + ":" + (connection.port() > 0 ? connection.port() : 5432)
                + "/" + connection.database() + "?currentSchema=" + schema + "&ApplicationName=ferry-orchestrator"
                // a half-open connection must not hang a scheduler (and its heartbeats) for ever
                + "&socketTimeout=60&tcpKeepAlive=true";
        return open(url, connection.user(), connection.password().reveal(), schema,
                "PostgreSQL store " + connection.user() + "@" + connection.host() + "/" + connection.database()
                        + " schema " + schema, true);
    }

    private static MetadataStore open(String url, String user, String password, String schema, String description,
                                      boolean postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        config.setPoolName("ferry-metadata");
        config.setConnectionTimeout(15_000);
        config.setInitializationFailTimeout(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FerryException("cannot open the " + description + ": " + DataSources.rootMessage(e)
                    + (postgres ? "; check the connection named by orchestrator.store"
                            : "; another Ferry process of a different version may hold it"), e);
        }
        try {
            var flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .table("ferry_schema_history");
            if (schema != null) {
                flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new FerryException("cannot prepare the " + description + ": " + DataSources.rootMessage(e), e);
        }
        return new MetadataStore(dataSource, description, postgres);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** PostgreSQL allows row locks that skip locked rows; the embedded store has one process writing. */
    public boolean postgres() {
        return postgres;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        if (dataSource.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
            // kept alive between connections (DB_CLOSE_DELAY=-1) while in use; gone with the store
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                // closing anyway
            }
        }
        dataSource.close();
    }
}
