package dev.ferry.cdc;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the source can feed a change stream before Debezium starts, so a missing server setting or
 * privilege is reported as what to change, instead of as a connector stack trace minutes later.
 */
final class CdcPreflight {

    private CdcPreflight() {
    }

    static void check(PipelineConfig config, JdbcEndpoint source, List<TableId> tables) {
        String pipeline = config.name();
        List<String> problems = new ArrayList<>();
        try (Connection conn = DataSources.connect(source)) {
            if (source.kind() == SourceKind.POSTGRES) {
                postgres(conn, pipeline, source, problems, !config.source().selectsByPattern());
                replicaIdentity(conn, tables, problems);
                PartitionedPublication.ensureViaRoot(conn, PostgresCdcSource.slotName(pipeline), tables, problems);
                if (config.source().selectsByPattern()) {
                    allTablesPublication(conn, pipeline, source, problems);
                }
            } else {
                binlog(conn, problems);
                unparsableTypes(conn, source, problems);
            }
        } catch (SQLException e) {
            throw new FerryException("cannot check " + source + " for CDC: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new FerryException("pipeline '" + pipeline + "': " + source + " is not ready for CDC:\n  - "
                    + String.join("\n  - ", problems) + "\n(see docs/cdc.md, 'Preparing the source')");
        }
    }

    private static void postgres(Connection conn, String pipeline, JdbcEndpoint source, List<String> problems,
            boolean listedTables) throws SQLException {
        String walLevel = single(conn, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is '" + walLevel + "': set wal_level = logical in postgresql.conf and restart "
                    + "PostgreSQL");
        }
        String slot = PostgresCdcSource.slotName(pipeline);
        boolean slotExists = exists(conn, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot);
        boolean mayReplicate = "t".equals(single(conn,
                "SELECT (rolsuper OR rolreplication)::text::char FROM pg_roles WHERE rolname = current_user"));
        if (!mayReplicate) {
            problems.add("user " + source.user() + " may not stream changes: ALTER ROLE " + source.user()
                    + " REPLICATION (as a superuser)");
        }
        if (!slotExists) {
            long used = Long.parseLong(single(conn, "SELECT count(*) FROM pg_replication_slots"));
            long max = Long.parseLong(single(conn, "SHOW max_replication_slots"));
            if (used >= max) {
                problems.add("all " + max + " replication slots are taken, so slot " + slot + " cannot be "
                        + "created: raise max_replication_slots or drop an unused slot (SELECT slot_name, active "
                        + "FROM pg_replication_slots)");
            }
        }
        boolean publicationExists = exists(conn, "SELECT 1 FROM pg_publication WHERE pubname = ?", slot);
        if (listedTables && !publicationExists && !"t".equals(single(conn, "SELECT (rolsuper OR has_database_privilege("
                + "current_user, current_database(), 'CREATE'))::text::char FROM pg_roles WHERE rolname = current_user"))) {
            problems.add("publication " + slot + " does not exist and " + source.user() + " may not create it: "
                    + "have the tables' owner run CREATE PUBLICATION " + slot + " FOR TABLE <the pipeline's tables>");
        }
    }

    /**
     * Deletes and key changes need the old key in the log: REPLICA IDENTITY NOTHING leaves it out, and
     * DEFAULT without a primary key too (Ferry refuses keyless tables before this).
     */
    private static void replicaIdentity(Connection conn, List<TableId> tables, List<String> problems)
            throws SQLException {
        for (TableId table : tables) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT c.relreplident::text FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && "n".equals(rs.getString(1))) {
                        problems.add("table " + table.qualified() + " has REPLICA IDENTITY NOTHING, so its deletes "
                                + "carry no key: ALTER TABLE " + table.qualified() + " REPLICA IDENTITY DEFAULT");
                    }
                }
            }
        }
    }

    /** Tables created later reach a pipeline with include patterns only through a publication of all tables. */
    private static void allTablesPublication(Connection conn, String pipeline, JdbcEndpoint source,
            List<String> problems) throws SQLException {
        String name = PostgresCdcSource.slotName(pipeline);
        boolean exists = exists(conn, "SELECT 1 FROM pg_publication WHERE pubname = ?", name);
        if (exists && !exists(conn, "SELECT 1 FROM pg_publication WHERE pubname = ? AND puballtables", name)) {
            problems.add("publication " + name + " lists tables, so tables created later would not be captured: "
                    + "have a superuser run DROP PUBLICATION " + name + "; CREATE PUBLICATION " + name
                    + " FOR ALL TABLES");
        } else if (!exists && !"t".equals(single(conn,
                "SELECT rolsuper::text::char FROM pg_roles WHERE rolname = current_user"))) {
            problems.add("the pipeline selects tables by pattern, so it needs a publication of all tables (to see "
                    + "tables created later), which only a superuser can create: have one run CREATE PUBLICATION "
                    + name + " FOR ALL TABLES, or list the pipeline's tables by name instead of include patterns");
        }
    }

    /**
     * Warnings for a pipeline that publishes to Kafka, where Ferry cannot read missing values back into the
     * events: PostgreSQL leaves unchanged TOAST values out of updates unless the table has REPLICA IDENTITY
     * FULL (Debezium then fills them from the old row), and does not publish generated columns.
     */
    static List<String> kafkaWarnings(JdbcEndpoint source, List<TableId> tables) {
        List<String> warnings = new ArrayList<>();
        if (source.kind() != SourceKind.POSTGRES) {
            return warnings;
        }
        String columns = """
                SELECT c.relreplident::text,
                       string_agg(a.attname, ', ' ORDER BY a.attnum) FILTER (WHERE t.typstorage <> 'p'),
                       string_agg(a.attname, ', ' ORDER BY a.attnum) FILTER (WHERE a.attgenerated <> '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                JOIN pg_type t ON t.oid = a.atttypid
                WHERE n.nspname = ? AND c.relname = ? GROUP BY c.relreplident""";
        try (Connection conn = DataSources.connect(source); PreparedStatement ps = conn.prepareStatement(columns)) {
            for (TableId table : tables) {
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    if (!"f".equals(rs.getString(1)) && rs.getString(2) != null) {
                        warnings.add("table " + table.qualified() + " has columns PostgreSQL leaves out of an update "
                                + "when their large value did not change (" + rs.getString(2) + "); consumers "
                                + "dead-letter such changes. Run ALTER TABLE " + table.qualified()
                                + " REPLICA IDENTITY FULL so that every change carries them");
                    }
                    if (rs.getString(3) != null) {
                        warnings.add("table " + table.qualified() + " has generated columns (" + rs.getString(3)
                                + ") that PostgreSQL does not publish: they are null in the Kafka events");
                    }
                }
            }
        } catch (SQLException e) {
            throw new FerryException("cannot check " + source + " for CDC: " + e.getMessage(), e);
        }
        return warnings;
    }

    /**
     * MariaDB's INET4 and INET6 column types, which Debezium's DDL parser (3.5) cannot read. Debezium keeps the
     * definition of every table of the source database (a table added to the pipeline later must have its
     * definition), so such a column anywhere in the database would stop the stream at that table's definition.
     */
    private static void unparsableTypes(Connection conn, JdbcEndpoint source, List<String> problems)
            throws SQLException {
        String query = "SELECT TABLE_NAME, GROUP_CONCAT(CONCAT(COLUMN_NAME, ' ', DATA_TYPE) ORDER BY ORDINAL_POSITION "
                + "SEPARATOR ', ') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND LOWER(DATA_TYPE) IN "
                + "('inet4', 'inet6') GROUP BY TABLE_NAME ORDER BY TABLE_NAME";
        try (PreparedStatement ps = conn.prepareStatement(query)) {
            ps.setString(1, source.database());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("table " + source.database() + "." + rs.getString(1) + " has columns of MariaDB's "
                            + "INET4/INET6 types (" + rs.getString(2) + "), which Debezium cannot read; it reads the "
                            + "definition of every table of the database, so CDC cannot run on " + source.database()
                            + " while such a column exists (even in a table the pipeline does not select). Load "
                            + "this database's tables with mode: snapshot or incremental, or move the table to "
                            + "another database");
                }
            }
        }
    }

    private static void binlog(Connection conn, List<String> problems) throws SQLException {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image")) {
            rs.next();
            if (rs.getInt(1) != 1) {
                problems.add("the binary log is off: start the server with log_bin (and server_id) set");
            }
            if (!"ROW".equalsIgnoreCase(rs.getString(2))) {
                problems.add("binlog_format is " + rs.getString(2) + ": set binlog_format = ROW");
            }
            if (!"FULL".equalsIgnoreCase(rs.getString(3))) {
                problems.add("binlog_row_image is " + rs.getString(3) + ": set binlog_row_image = FULL, or "
                        + "updates would lose the columns they did not change");
            }
        }
    }

    private static String single(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean exists(Connection conn, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
