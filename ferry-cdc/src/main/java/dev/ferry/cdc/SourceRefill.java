package dev.ferry.cdc;

import dev.ferry.clickhouse.write.TombstoneRow;
import dev.ferry.core.FerryException;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.jdbc.read.SourceRow;
import dev.ferry.sync.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Fills in the values a change did not carry, from the source row as it is now:
 * <ul>
 * <li>unchanged TOAST values, which PostgreSQL leaves out of an update unless the table has REPLICA IDENTITY
 * FULL ({@link DebeziumValues#UNAVAILABLE});</li>
 * <li>columns a change read in an older shape of the table does not have (replayed after a restart that
 * follows ADD or RENAME COLUMN);</li>
 * <li>the columns {@link RefillColumns} names: those whose NULL in a change may mean "not sent" (PostgreSQL's
 * generated columns, arrays whose unchanged TOAST value Debezium can only hand over as NULL), and those whose
 * Debezium form loses what the source's text keeps ({@code money}, {@code interval}, {@code timetz},
 * {@code bit}...), and MySQL dates that may be zero dates.</li>
 * </ul>
 *
 * <p>The value read is the value the change saw unless the column changed since, and then a later change
 * carries the new value and wins by its higher version; if the row is gone, a later delete hides it. So the
 * current state ends right either way, with one keyed query per batch instead of a read of the ClickHouse
 * table.
 */
final class SourceRefill {

    private static final int KEYS_PER_QUERY = 500;
    /** Reads tried when the connection to the source drops: 4 attempts over about 7 s. */
    private static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final JdbcEndpoint source;
    private final SourceSql sql;
    private final AtomicLong filledRows = new AtomicLong();

    SourceRefill(JdbcEndpoint source) {
        this.source = source;
        this.sql = new SourceSql(source.kind());
    }

    /** Changes whose missing values were read from the source so far. */
    long filledRows() {
        return filledRows.get();
    }

    /** Whether the row lacks a value: unavailable, in a column always read back, or a NULL that may be "not sent". */
    static boolean lacksValues(Object[] row, RefillColumns.Plan plan) {
        for (int i = 0; i < row.length; i++) {
            if (lacks(row, i, plan)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lacks(Object[] row, int i, RefillColumns.Plan plan) {
        return row[i] == DebeziumValues.UNAVAILABLE || plan.always().get(i)
                || (row[i] == null && plan.whenNull().get(i))
                || (plan.whenZero().get(i) && (row[i] == null || isEpoch(row[i])));
    }

    private static boolean isEpoch(Object value) {
        return value.equals(java.time.LocalDate.EPOCH) || value.equals(java.time.Instant.EPOCH)
                || value.equals(java.time.LocalDateTime.of(1970, 1, 1, 0, 0));
    }

    /**
     * Replaces the lacking values of {@code rows} (changes of {@code table}) in place.
     *
     * @return the rows whose source row has a value Ferry cannot read (by identity), with the reason: they
     *         become dead letters, as a snapshot of that row would
     */
    Map<Object[], String> fill(TableMapping table, List<Object[]> rows, RefillColumns.Plan plan) {
        Map<Object[], String> unreadable = new IdentityHashMap<>();
        if (rows.isEmpty()) {
            return unreadable;
        }
        List<Integer> key = table.keyColumns();
        Map<List<Object>, SourceRow> current = read(table, rows.stream().map(r -> keyOf(r, key)).distinct().toList());
        filledRows.addAndGet(rows.size());
        for (Object[] row : rows) {
            SourceRow stored = current.get(keyOf(row, key));
            if (stored != null && stored.isBad()) {
                unreadable.put(row, stored.error());
                continue;
            }
            for (int i = 0; i < row.length; i++) {
                if (lacks(row, i, plan)) {
                    // no row: deleted since, and that delete follows in the stream and hides this version
                    row[i] = stored != null ? stored.values()[i] : null;
                }
            }
            if (stored == null) {
                Object[] filled = TombstoneRow.fill(row, table.source().columns());
                System.arraycopy(filled, 0, row, 0, row.length);
            }
        }
        return unreadable;
    }

    private Map<List<Object>, SourceRow> read(TableMapping table, List<List<Object>> keys) {
        // a dropped connection is tried again (a blip must not stop the stream); anything else (a column dropped
        // since) fails at once and says what to do
        return RETRY.call("reading values of " + table.name() + " back from the source", () -> {
            try (Connection conn = DataSources.connect(source)) {
                return read(conn, table, keys);
            } catch (SQLException e) {
                boolean connection = e.getSQLState() != null && e.getSQLState().startsWith("08");
                throw new ReadBackFailure("cannot read the values a change of " + table.name() + " did not carry "
                        + "from the source (" + source + "): " + e.getMessage() + (connection ? ""
                        : "; if the table or a column was dropped since, resync the table (docs/cdc.md, "
                        + "'Resyncing')"), e, connection);
            }
        }, e -> e instanceof ReadBackFailure failure ? failure.connection : e instanceof FerryException);
    }

    /** A failed read, and whether the connection failed (worth trying again) rather than the statement. */
    private static final class ReadBackFailure extends FerryException {

        private static final long serialVersionUID = 1L;
        private final boolean connection;

        ReadBackFailure(String message, SQLException cause, boolean connection) {
            super(message, cause);
            this.connection = connection;
        }
    }

    private Map<List<Object>, SourceRow> read(Connection conn, TableMapping table, List<List<Object>> keys)
            throws SQLException {
        Map<List<Object>, SourceRow> current = new HashMap<>();
        List<Integer> key = table.keyColumns();
        sql.prepareForReading(conn);
        RowReader reader = new RowReader(source.kind(), table.source());
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            try (PreparedStatement ps = conn.prepareStatement(query(table, chunk.size()))) {
                int parameter = 1;
                for (List<Object> k : chunk) {
                    for (Object part : k) {
                        ps.setObject(parameter++, bindable(part));
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SourceRow row = reader.read(rs);
                        current.put(keyOf(row.values(), key), row);
                    }
                }
            }
        }
        return current;
    }

    /** A key part as both JDBC drivers take it: instants as UTC date-times, bytes as they are. */
    private static Object bindable(Object part) {
        if (part instanceof ByteBuffer buffer) {
            return DebeziumValues.bytes(buffer);
        }
        return part instanceof java.time.Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC) : part;
    }

    private String query(TableMapping table, int keys) {
        List<ColumnSpec> columns = table.source().columns();
        String keyColumns = table.keyColumns().stream().map(i -> sql.quote(columns.get(i).name()))
                .collect(Collectors.joining(", ", "(", ")"));
        String one = table.keyColumns().stream().map(i -> "?").collect(Collectors.joining(", ", "(", ")"));
        List<String> tuples = new ArrayList<>(java.util.Collections.nCopies(keys, one));
        return sql.selectAll(table.source()) + " WHERE " + keyColumns + " IN (" + String.join(", ", tuples) + ")";
    }

    /** The key as a map key: bytes compare by content (a {@code byte[]} would compare by identity). */
    private static List<Object> keyOf(Object[] row, List<Integer> key) {
        return Arrays.asList(key.stream().map(i -> row[i] instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : row[i])
                .toArray());
    }
}
