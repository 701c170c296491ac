package dev.ferry.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Generates the demo data: an online shop in PostgreSQL and a legacy back office in MariaDB. The same
 * seed, size and end time always give the same rows, so demos and tests are reproducible; the end time
 * is passed in (never read from the clock) for the same reason.
 */
public final class DemoDataGenerator {

    public static final long DEFAULT_SEED = 42;

    private final long seed;
    private final LocalDateTime end;

    /**
     * @param seed seed of every random choice
     * @param end  the moment the generated history ends: orders cover the 18 months before it
     */
    public DemoDataGenerator(long seed, LocalDateTime end) {
        this.seed = seed;
        this.end = Objects.requireNonNull(end, "end").withNano(0);
    }

    public static DemoDataGenerator withDefaultSeed(LocalDateTime end) {
        return new DemoDataGenerator(DEFAULT_SEED, end);
    }

    public long seed() {
        return seed;
    }

    public LocalDateTime end() {
        return end;
    }

    /**
     * Replaces the shop tables (sellers, users, products, orders, order_items) in schema {@code public}
     * with freshly generated rows, all in one transaction. Foreign keys and indexes are added after the
     * rows are in, which is much faster than checking them row by row.
     *
     * @param progressRows receives the running total of rows written, every 10,000 rows or so; may be null
     * @return rows written
     */
    public long generatePostgres(Connection connection, DemoSize size, LongConsumer progressRows) throws SQLException {
        Progress progress = new Progress(progressRows);
        inTransaction(connection, () -> {
            PostgresDemoSchema.dropTables(connection);
            PostgresDemoSchema.createTables(connection);
            new PostgresShopLoader(connection, size, seed, Timeline.endingAt(end), progress).load();
            PostgresDemoSchema.addForeignKeysAndIndexes(connection);
            PostgresDemoSchema.syncSequences(connection);
        });
        analyze(connection, "ANALYZE " + String.join(", ", PostgresDemoSchema.TABLES));
        progress.report();
        return progress.total();
    }

    /**
     * Replaces the legacy tables (customers, invoices) in the connection's current MariaDB database.
     * MySQL cannot roll back DDL, so this commits every 10,000 rows rather than once.
     *
     * @param progressRows receives the running total of rows written, every 10,000 rows or so; may be null
     * @return rows written
     */
    public long generateMariaDb(Connection connection, DemoSize size, LongConsumer progressRows) throws SQLException {
        Progress progress = new Progress(progressRows);
        DemoDatabases.resetMariaDb(connection);
        inTransaction(connection, () -> new MariaDbLegacyLoader(connection, size, seed, end, progress).load());
        analyze(connection, "ANALYZE TABLE " + String.join(", ", MariaDbDemoSchema.TABLES));
        progress.report();
        return progress.total();
    }

    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} with auto-commit off, commits, and restores the connection's auto-commit. */
    private static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Fresh statistics, so the first demo queries get good plans. */
    private static void analyze(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
