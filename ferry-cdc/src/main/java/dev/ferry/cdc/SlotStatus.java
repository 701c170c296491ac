package dev.ferry.cdc;

import dev.ferry.core.FerryException;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL replication slot as the source sees it. A slot keeps every WAL segment its consumer has not
 * confirmed, so a stopped or slow pipeline fills the source's disk: Ferry reports the retained size and
 * warns, and never drops the slot itself.
 *
 * @param retainedBytes WAL between the server's current position and what Ferry confirmed
 */
public record SlotStatus(String name, boolean active, long retainedBytes) {

    static Optional<SlotStatus> read(JdbcEndpoint source, String slot) {
        try (Connection conn = DataSources.connect(source);
                PreparedStatement ps = conn.prepareStatement("SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), "
                        + "confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SlotStatus(slot, rs.getBoolean(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new FerryException("cannot read replication slot " + slot + " of " + source + ": " + e.getMessage(), e);
        }
    }

    /** How to release the WAL if the pipeline is gone for good (Ferry never does this on its own). */
    public String dropHint() {
        return "SELECT pg_drop_replication_slot('" + name + "')";
    }
}
