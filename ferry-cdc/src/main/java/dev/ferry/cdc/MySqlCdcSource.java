package dev.ferry.cdc;

import dev.ferry.jdbc.JdbcEndpoint;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.connect.data.Struct;

/**
 * MySQL and MariaDB binlog (ROW format) through Debezium's MySQL connector, or its MariaDB connector when the
 * server is MariaDB: only that one parses MariaDB's own DDL (INET4, INET6, UUID columns...) and knows its GTIDs.
 * The table schemas Debezium needs to decode old binlog events are kept in a schema history file next to the
 * offsets.
 */
final class MySqlCdcSource implements CdcSource {

    @Override
    public Properties connector(String pipeline, JdbcEndpoint source, Capture capture, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("connector.class", isMariaDb(source) ? "io.debezium.connector.mariadb.MariaDbConnector"
                : "io.debezium.connector.mysql.MySqlConnector");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.server.id", Long.toString(serverId(pipeline)));
        // DDL of other databases is not parsed at all (a type Debezium's parser does not know stopped every
        // pipeline on the server, whatever its tables)
        p.setProperty("database.include.list", dev.ferry.core.schema.NameRegex.literal(source.database()));
        p.setProperty("table.include.list", capture.includeList());
        if (!capture.excludeRegexes().isEmpty()) {
            p.setProperty("table.exclude.list", String.join(",", capture.excludeRegexes()));
        }
        p.setProperty("schema.history.internal", RestartPointHistory.class.getName());
        p.setProperty("schema.history.internal.file.filename",
                stateDir.resolve(pipeline + ".schema-history").toString());
        p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
        // every table's DDL of the database is kept, not only the pipeline's: a table added to the pipeline later,
        // or renamed into its patterns, must have its definition in the history
        // Ferry follows schema changes from the row images it receives, not from DDL records
        p.setProperty("include.schema.changes", "false");
        p.setProperty("connect.keep.alive", "true");
        return p;
    }

    @Override
    public boolean binlog() {
        return true;
    }

    @Override
    public String table(Struct source) {
        return source.getString("db") + "." + source.getString("table");
    }

    @Override
    public long version(Struct source) {
        Integer row = source.getInt32("row");
        return BinlogVersion.of(source.getString("file"), source.getInt64("pos"), row == null ? 0 : row);
    }

    /** Whether the server is MariaDB (its version string says so), which needs Debezium's MariaDB connector. */
    static boolean isMariaDb(JdbcEndpoint source) {
        try (java.sql.Connection conn = dev.ferry.jdbc.DataSources.connect(source);
                java.sql.Statement st = conn.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            return rs.next() && rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        } catch (java.sql.SQLException e) {
            throw new dev.ferry.core.FerryException("cannot read the version of " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A replica's server id must be unique among the source's replicas: derived from the pipeline name so a
     * restart reuses it, and kept out of the low range that real replicas usually take.
     */
    static long serverId(String pipeline) {
        return 100_000 + Math.floorMod(pipeline.hashCode(), 1_000_000);
    }
}
