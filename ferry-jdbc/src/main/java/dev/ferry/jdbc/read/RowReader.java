package dev.ferry.jdbc.read;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.SourceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns result-set rows of one table into {@link SourceRow}s. A value that cannot be read (PostgreSQL
 * 'infinity' timestamps, NaN numerics, BC dates) marks the row bad instead of failing the whole read.
 */
public final class RowReader {

    private final List<ColumnSpec> columns;
    private final ColumnReader[] readers;

    public RowReader(SourceKind source, TableSpec table) {
        this.columns = table.columns();
        this.readers = new ColumnReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = ColumnReaders.forType(source, columns.get(i).type());
        }
    }

    /** Reads the current row; the result set's columns must be the table's, in order. */
    public SourceRow read(ResultSet rs) throws SQLException {
        Object[] values = new Object[readers.length];
        String error = null;
        for (int i = 0; i < readers.length; i++) {
            try {
                values[i] = readers[i].read(rs, i + 1);
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException sql && isConnectionFailure(sql)) {
                    throw sql;
                }
                String raw = safeText(rs, i + 1);
                values[i] = raw;
                if (error == null) {
                    error = columns.get(i).name() + ": cannot read " + columns.get(i).type().nativeType() + " value '"
                            + raw + "': " + e.getMessage();
                }
            }
        }
        return new SourceRow(values, error);
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static String safeText(ResultSet rs, int index) {
        try {
            return rs.getString(index);
        } catch (SQLException e) {
            return "?";
        }
    }
}
