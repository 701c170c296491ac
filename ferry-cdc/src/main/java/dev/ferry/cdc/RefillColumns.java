package dev.ferry.cdc;

import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.jdbc.SourceSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a table whose value in a change event cannot be trusted to equal what a snapshot reads, so
 * that {@link SourceRefill} reads it back from the source row instead:
 * <ul>
 * <li>{@link #whenNull}: a NULL may mean "not sent". PostgreSQL STORED generated columns, which pgoutput does
 * not publish before PostgreSQL 18 (Debezium reports NULL); arrays whose unchanged TOAST value Debezium cannot
 * mark (it has placeholders for arrays of text-like types, bytea, int, bigint, date and uuid only).</li>
 * <li>{@link #always}: Debezium's form of the value loses what PostgreSQL's text keeps. {@code money} arrives
 * as a plain number (PostgreSQL prints it with the server's currency format), {@code interval} in ISO 8601,
 * {@code timetz} moved to UTC (the offset is lost), {@code bit}/{@code varbit} as bytes without their length,
 * {@code hstore} as JSON;
 * domains over geometric types, whose Java spelling Ferry does not rewrite ({@link PgGeometricText} rewrites
 * the plain geometric columns); arrays of every element type but those Debezium decodes exactly (it empties
 * a {@code numeric[]} holding NaN, turns {@code time} 24:00 into 00:00, fails on enums, composites, xml, ...);
 * arrays of more than one dimension. These columns are also left out of Debezium's events altogether
 * ({@code column.exclude.list}), because a NOT NULL one it cannot decode stops the connector.</li>
 * </ul>
 * <ul>
 * <li>{@link #whenZero}: MySQL/MariaDB date and time columns on a server that allows zero dates (its
 * {@code sql_mode} lacks {@code NO_ZERO_DATE}, {@code NO_ZERO_IN_DATE} or strict mode, as MariaDB's default
 * does): Debezium turns {@code 0000-00-00} and dates with a zero month or day into NULL (or the epoch in a NOT
 * NULL column), where a snapshot reads the zero date as the epoch and refuses the others; such values are read
 * back when a change has NULL or the epoch.</li>
 * </ul>
 * MySQL and MariaDB log every column, generated ones included, in a full row image. Besides zero dates, only an
 * ENUM whose labels hold a comma or a backslash is read back (always): Debezium's DDL parser keeps the label
 * escaped.
 */
final class RefillColumns {

    /**
     * @param whenNull columns read back when the change has NULL
     * @param always   columns always read back
     * @param whenZero columns read back when the change has NULL or the epoch
     */
    record Plan(BitSet whenNull, BitSet always, BitSet whenZero) {

        static final Plan NONE = new Plan(new BitSet(), new BitSet(), new BitSet());
    }

    /** Element types of the arrays Debezium 3.3 to 3.5 has an unchanged-TOAST placeholder for (pg_type.typname). */
    private static final Set<String> MARKED_ARRAY_ELEMENTS = Set.of("text", "varchar", "bpchar", "json", "jsonb",
            "bytea", "int4", "date", "int8", "uuid");
    /** Array element types (pg_type.typname) whose arrays Debezium decodes exactly. */
    private static final Set<String> EXACT_ARRAY_ELEMENTS = Set.of("int2", "int4", "int8", "float4", "float8", "bool",
            "text", "varchar", "bpchar", "json", "jsonb", "bytea", "uuid", "date", "timestamp", "timestamptz");
    /** pg_type.typname of the types whose Debezium form loses something (see the class comment). */
    private static final Set<String> LOSSY = Set.of("money", "interval", "timetz", "bit", "varbit", "hstore");
    private static final Set<String> GEOMETRIC = Set.of("point", "box", "circle", "line", "lseg", "path", "polygon");

    /** Per column: whether generated, its base type (through domains) and an array's element type. */
    private static final String COLUMNS = """
            SELECT a.attname, a.attgenerated <> '', coalesce(bt.typname, t.typname), et.typname, a.attndims
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            LEFT JOIN pg_type et ON et.oid = coalesce(bt.typelem, t.typelem)
                AND coalesce(bt.typcategory, t.typcategory) = 'A'
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    private RefillColumns() {
    }

    /** @param key indexes of the primary key's columns, which are never read back: the read goes by them */
    static Plan of(Connection conn, SourceKind kind, TableId table, List<ColumnSpec> columns, List<Integer> key)
            throws SQLException {
        if (kind != SourceKind.POSTGRES) {
            return mysql(conn, columns, key);
        }
        Map<String, String[]> types = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(COLUMNS)) {
            ps.setString(1, new SourceSql(SourceKind.POSTGRES).table(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // an array column declared with two or more dimensions is kept as text (PostgresTypes)
                    String element = rs.getInt(5) > 1 ? "(multi-dimensional)" : rs.getString(4);
                    types.put(rs.getString(1), new String[] {rs.getBoolean(2) ? "generated" : "", rs.getString(3),
                            element});
                }
            }
        }
        BitSet whenNull = new BitSet(columns.size());
        BitSet always = new BitSet(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            String[] type = types.get(column.name());
            if (type == null || key.contains(i)) {
                continue;
            }
            boolean generated = !type[0].isEmpty();
            String base = type[1];
            String element = type[2];
            if (always(column, base, element)) {
                always.set(i);
            } else if (generated || (element != null && !MARKED_ARRAY_ELEMENTS.contains(element))) {
                whenNull.set(i);
            }
        }
        return new Plan(whenNull, always, new BitSet());
    }

    private static Plan mysql(Connection conn, List<ColumnSpec> columns, List<Integer> key) throws SQLException {
        BitSet always = new BitSet(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            // Debezium's DDL parser keeps a comma in an ENUM label escaped ('c,d' arrives as c\,d)
            if (columns.get(i).type().kind() == LogicalKind.ENUM && labelsHold(columns.get(i).type().nativeType())
                    && !key.contains(i)) {
                always.set(i);
            }
        }
        BitSet whenZero = new BitSet(columns.size());
        if (zeroDatesAllowed(conn)) {
            for (int i = 0; i < columns.size(); i++) {
                LogicalKind kind = columns.get(i).type().kind();
                boolean temporal = kind == LogicalKind.DATE || kind == LogicalKind.TIMESTAMP
                        || kind == LogicalKind.TIMESTAMP_TZ;
                if (temporal && !key.contains(i)) {
                    whenZero.set(i);
                }
            }
        }
        return new Plan(new BitSet(), always, whenZero);
    }

    /** Whether a label of {@code enum('a','b,c')} holds a comma or a backslash. */
    static boolean labelsHold(String enumType) {
        boolean quoted = false;
        for (int i = 0; i < enumType.length(); i++) {
            char c = enumType.charAt(i);
            if (c == '\'' ) {
                quoted = !quoted; // '' inside a label toggles twice
            } else if (quoted && (c == ',' || c == '\\')) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server's default {@code sql_mode} lets a session store zero (or zero-month/day) dates. */
    private static boolean zeroDatesAllowed(Connection conn) throws SQLException {
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT @@GLOBAL.sql_mode")) {
            String mode = rs.next() && rs.getString(1) != null ? rs.getString(1).toUpperCase(java.util.Locale.ROOT) : "";
            boolean strict = mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES");
            return !(strict && mode.contains("NO_ZERO_DATE") && mode.contains("NO_ZERO_IN_DATE"));
        }
    }

    private static boolean always(ColumnSpec column, String base, String element) {
        if (element != null) {
            return !EXACT_ARRAY_ELEMENTS.contains(element);
        }
        // plain geometric columns are rewritten from Debezium's text (and point from its struct); a domain's
        // native type is the domain's name, so Ferry would not know to rewrite it
        boolean rewritten = PgGeometricText.TYPES.contains(column.type().nativeType()) || "point".equals(base);
        return LOSSY.contains(base) || (GEOMETRIC.contains(base) && !rewritten);
    }
}
