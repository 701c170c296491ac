package dev.ferry.cdc;

import dev.ferry.core.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a pipeline's publication send the changes of a partitioned table under that table's name. Without
 * {@code publish_via_partition_root} PostgreSQL publishes them under each partition's name, which the pipeline
 * does not select, and they were lost without a word. Debezium creates new publications with the setting
 * ({@code publish.via.partition.root}); an existing one is altered here, before the stream starts.
 */
final class PartitionedPublication {

    private PartitionedPublication() {
    }

    /** Whether the server has {@code publish_via_partition_root} (PostgreSQL 13+). */
    static boolean supported(dev.ferry.jdbc.JdbcEndpoint source) {
        try (Connection conn = dev.ferry.jdbc.DataSources.connect(source)) {
            return supportedOn(conn);
        } catch (SQLException e) {
            throw new dev.ferry.core.FerryException("cannot read the version of " + source + ": " + e.getMessage(), e);
        }
    }

    static void ensureViaRoot(Connection conn, String publication, List<TableId> tables, List<String> problems)
            throws SQLException {
        List<String> partitioned = partitioned(conn, tables);
        if (!partitioned.isEmpty() && !supportedOn(conn)) {
            problems.add("the partitioned tables " + partitioned + " can stream only from PostgreSQL 13 on, which "
                    + "can publish a partitioned table's changes under its own name; before it they arrive under "
                    + "each partition's name: list the partitions as tables instead, or upgrade");
            return;
        }
        if (partitioned.isEmpty() || !publishesViaPartitions(conn, publication)) {
            return;
        }
        String alter = "ALTER PUBLICATION " + publication + " SET (publish_via_partition_root = true)";
        try (Statement st = conn.createStatement()) {
            st.execute(alter);
        } catch (SQLException e) {
            problems.add("publication " + publication + " publishes the partitioned tables " + partitioned + " under "
                    + "their partitions' names, so their changes would be lost, and " + e.getMessage().strip()
                    + ": have its owner run " + alter);
        }
    }

    private static boolean supportedOn(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            return rs.next() && Integer.parseInt(rs.getString(1)) >= 130000;
        }
    }

    private static List<String> partitioned(Connection conn, List<TableId> tables) throws SQLException {
        List<String> result = new ArrayList<>();
        for (TableId table : tables) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'p'")) {
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        result.add(table.qualified());
                    }
                }
            }
        }
        return result;
    }

    /** Whether the publication exists and sends partitions' changes under their own names. */
    private static boolean publishesViaPartitions(Connection conn, String publication) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT NOT pubviaroot FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
