package dev.ferry.sync.snapshot;

import dev.ferry.core.FerryException;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker connections that all read the source at one point in time. PostgreSQL: a coordinator exports
 * its snapshot and every worker imports it ({@code SET TRANSACTION SNAPSHOT}). MySQL/MariaDB: workers
 * open {@code WITH CONSISTENT SNAPSHOT} transactions while a brief {@code FLUSH TABLES WITH READ LOCK}
 * holds writes still; without the RELOAD privilege each worker gets its own (near-simultaneous) snapshot,
 * which is logged.
 */
public final class SnapshotSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSession.class);

    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;

    private SnapshotSession(int workers) {
        this.idle = new ArrayBlockingQueue<>(workers);
    }

    public static SnapshotSession open(JdbcEndpoint endpoint, int workers) {
        SnapshotSession session = new SnapshotSession(workers);
        SourceSql sql = new SourceSql(endpoint.kind());
        try {
            switch (endpoint.kind()) {
                case POSTGRES -> session.openPostgres(endpoint, sql, workers);
                case MYSQL -> session.openMySql(endpoint, sql, workers);
            }
            return session;
        } catch (SQLException e) {
            session.close();
            throw new FerryException("cannot open a consistent snapshot of " + endpoint + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private Connection newWorker(JdbcEndpoint endpoint, SourceSql sql) throws SQLException {
        Connection conn = DataSources.connect(endpoint);
        all.add(conn);
        sql.prepareForReading(conn);
        conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        conn.setAutoCommit(false);
        return conn;
    }

    private void openPostgres(JdbcEndpoint endpoint, SourceSql sql, int workers) throws SQLException {
        try (Connection coordinator = DataSources.connect(endpoint)) {
            coordinator.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            coordinator.setAutoCommit(false);
            String snapshotId;
            try (Statement st = coordinator.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshotId = rs.getString(1);
            }
            for (int i = 0; i < workers; i++) {
                Connection worker = newWorker(endpoint, sql);
                try (Statement st = worker.createStatement()) {
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
                }
                idle.add(worker);
            }
            coordinator.commit(); // the workers hold the snapshot from here on
        }
    }

    private void openMySql(JdbcEndpoint endpoint, SourceSql sql, int workers) throws SQLException {
        try (Connection locker = DataSources.connect(endpoint); Statement lock = locker.createStatement()) {
            boolean locked = tryLock(lock);
            try {
                for (int i = 0; i < workers; i++) {
                    Connection worker = newWorker(endpoint, sql);
                    try (Statement st = worker.createStatement()) {
                        st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                    idle.add(worker);
                }
            } finally {
                if (locked) {
                    lock.execute("UNLOCK TABLES");
                }
            }
        }
    }

    private static boolean tryLock(Statement lock) {
        try {
            lock.execute("FLUSH TABLES WITH READ LOCK");
            return true;
        } catch (SQLException e) {
            LOG.warn("no FLUSH TABLES WITH READ LOCK ({}): snapshot workers see near-simultaneous but separate "
                    + "points in time; grant RELOAD for one consistent point", e.getMessage());
            return false;
        }
    }

    /** Takes a worker connection, waiting until one is free. */
    public Connection acquire() throws InterruptedException {
        return idle.take();
    }

    public void release(Connection conn) {
        idle.add(conn);
    }

    @Override
    public void close() {
        for (Connection conn : all) {
            try {
                conn.rollback(); // read-only work: nothing to keep
            } catch (SQLException e) {
                LOG.debug("rollback on close failed: {}", e.getMessage());
            }
            try {
                conn.close();
            } catch (SQLException e) {
                LOG.debug("close failed: {}", e.getMessage());
            }
        }
        all.clear();
    }
}
