package dev.ferry.cdc;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.SourceKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a table whose NULL in a change event may mean "not sent" rather than NULL, so that their value
 * is read back from the source ({@link SourceRefill}):
 * <ul>
 * <li>PostgreSQL STORED generated columns: pgoutput does not publish them (before PostgreSQL 18), and Debezium
 * reports them as NULL;</li>
 * <li>PostgreSQL arrays whose unchanged TOAST value Debezium cannot mark: it has placeholders for arrays of
 * text-like types, bytea, int, bigint, date and uuid only, and hands any other unchanged array as NULL.</li>
 * </ul>
 * MySQL and MariaDB log every column, generated ones included, in a full row image: nothing to add there.
 */
final class UnsentColumns {

    /** Array types Debezium 3.3 has an unchanged-TOAST placeholder for (UnchangedToastedReplicationMessageColumn). */
    private static final Set<String> MARKED_ARRAYS = Set.of("text[]", "character varying[]", "character[]", "json[]",
            "jsonb[]", "bytea[]", "integer[]", "date[]", "bigint[]", "uuid[]");

    private static final String GENERATED = """
            SELECT attname FROM pg_attribute
            WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated <> ''""";

    private UnsentColumns() {
    }

    static BitSet of(Connection conn, SourceKind kind, TableId table, List<ColumnSpec> columns) throws SQLException {
        BitSet unsent = new BitSet(columns.size());
        if (kind != SourceKind.POSTGRES) {
            return unsent;
        }
        Set<String> generated = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement(GENERATED)) {
            ps.setString(1, quote(table.schema()) + "." + quote(table.table()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    generated.add(rs.getString(1));
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            if (generated.contains(column.name()) || unmarkedArray(column)) {
                unsent.set(i);
            }
        }
        return unsent;
    }

    static boolean unmarkedArray(ColumnSpec column) {
        String type = column.type().nativeType().toLowerCase(Locale.ROOT);
        boolean array = column.type().kind() == LogicalKind.ARRAY || type.endsWith("[]");
        // character varying(10)[] is character varying[] to Debezium, as are other size modifiers
        return array && !MARKED_ARRAYS.contains(type.replaceAll("\\([^)]*\\)", ""));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
