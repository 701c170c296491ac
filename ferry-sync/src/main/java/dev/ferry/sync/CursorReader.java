package dev.ferry.sync;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.jdbc.SourceSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Reads and compares incremental cursor values in the source's own SQL. */
public final class CursorReader {

    private CursorReader() {
    }

    /** Greatest cursor value now, as text the source casts back to the column type; null for an empty table. */
    public static String max(Connection conn, SourceSql sql, TableMapping table) throws SQLException {
        String column = sql.quote(table.cursorColumn());
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT max(" + column + ") FROM " + sql.from(table.source()))) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * {@code cursor > <high-water mark minus lookback>} for a bound parameter holding the mark's text.
     * The lookback re-reads recent rows whose transactions committed late; they become new versions of the
     * same keys, so nothing is duplicated in the deduplicated view.
     */
    static String condition(SourceSql sql, ColumnSpec cursor, Duration lookback) {
        String column = sql.quote(cursor.name());
        LogicalKind kind = cursor.type().kind();
        boolean temporal = kind == LogicalKind.TIMESTAMP || kind == LogicalKind.TIMESTAMP_TZ
                || kind == LogicalKind.DATE;
        String bound = switch (sql.kind()) {
            case POSTGRES -> "CAST(? AS " + cursor.type().nativeType() + ")";
            case MYSQL -> temporal ? "CAST(? AS DATETIME(6))" : "?";
        };
        if (temporal && !lookback.isZero()) {
            bound = switch (sql.kind()) {
                case POSTGRES -> bound + " - INTERVAL '" + lookback.toSeconds() + " seconds'";
                case MYSQL -> bound + " - INTERVAL " + lookback.toSeconds() + " SECOND";
            };
        }
        return column + " > " + bound;
    }
}
