package dev.ferry.cdc.torture;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.types.ByteSink;
import dev.ferry.clickhouse.types.ChKind;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.clickhouse.types.RowBinaryRowReader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.jdbc.read.RowReader;
import dev.ferry.jdbc.read.SourceRow;
import dev.ferry.jdbc.schema.SourceCatalog;
import dev.ferry.sync.Endpoints;
import dev.ferry.sync.SourceTables;
import dev.ferry.sync.TableMapper;
import dev.ferry.sync.TableMapping;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Says which keys and columns differ when the validator finds a table unequal (the validator only names
 * keys). Both sides are compared as the validator does, value by value in ClickHouse's binary form (the
 * source row through Ferry's own encoder), and each differing value is shown three ways: the source's own
 * text, what Ferry would write for it, and what ClickHouse holds. Test diagnostics only.
 */
final class TargetDiff {

    private static final int MAX_TEXT = 160;

    /** One row: per column the encoded bytes (null if not encodable), a readable text and the raw text. */
    private record Row(byte[][] encoded, String[] text, String[] raw, String error) {
    }

    private TargetDiff() {
    }

    static String describe(FerryConfig config, PipelineConfig pipeline, String table, boolean cdc) {
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(Endpoints.clickhouse(
                config.connections().get(pipeline.target().connection()), pipeline.target().database()));
                Connection conn = DataSources.connect(source)) {
            SourceSql sql = new SourceSql(source.kind());
            sql.prepareForReading(conn);
            TableSpec spec = SourceTables.describe(conn, SourceCatalog.of(source.kind()), pipeline, table).get(0);
            TableMapping mapping = TableMapper.followingTargets(pipeline, source, clickhouse).map(spec);
            Map<String, Row> expected = sourceRows(conn, sql, mapping);
            Map<String, Row> actual = clickhouseRows(clickhouse, mapping, cdc);
            return compare(mapping, expected, actual);
        } catch (Exception e) {
            return "  (no column-level diff: " + Verdict.causes(e) + ")";
        }
    }

    /**
     * One line per differing column (the keys it differs in, with an example of a NULL and of a non-NULL
     * source value), then the keys missing or extra in ClickHouse.
     */
    private static String compare(TableMapping mapping, Map<String, Row> expected, Map<String, Row> actual) {
        List<String> names = mapping.source().columns().stream().map(c -> c.name()).toList();
        Map<Integer, List<String>> keysByColumn = new TreeMap<>();
        Map<Integer, List<String>> examplesByColumn = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, Row> entry : expected.entrySet()) {
            Row ours = entry.getValue();
            Row theirs = actual.get(entry.getKey());
            if (ours.error() != null) {
                continue; // a dead letter, not expected in ClickHouse
            }
            if (theirs == null) {
                missing.add(entry.getKey());
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                if (!Arrays.equals(ours.encoded()[i], theirs.encoded()[i])) {
                    keysByColumn.computeIfAbsent(i, c -> new ArrayList<>()).add(entry.getKey());
                    List<String> examples = examplesByColumn.computeIfAbsent(i, c -> new ArrayList<>());
                    boolean sourceNull = ours.raw()[i] == null;
                    if (examples.stream().noneMatch(e -> e.startsWith(sourceNull ? "NULL" : "value"))) {
                        String[] shown = aroundDifference(ours.text()[i], theirs.text()[i]);
                        examples.add((sourceNull ? "NULL" : "value") + "key " + entry.getKey() + ": source "
                                + clip(ours.raw()[i]) + ", Ferry writes " + shown[0] + ", ClickHouse has " + shown[1]);
                    }
                }
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key) || expected.get(key).error() != null) {
                extra.add(key + (expected.containsKey(key) ? " (the source row is unwritable: "
                        + expected.get(key).error() + ")" : ""));
            }
        }
        List<String> lines = new ArrayList<>();
        keysByColumn.forEach((i, keys) -> lines.add("  column " + names.get(i) + " ("
                + mapping.source().columns().get(i).type().nativeType() + " -> " + mapping.types().get(i)
                + ") differs in keys " + keys + "; e.g. " + String.join("; ", examplesByColumn.get(i).stream()
                        .map(e -> e.substring(e.startsWith("NULL") ? 4 : 5)).toList())));
        if (!missing.isEmpty()) {
            lines.add("  keys missing in ClickHouse: " + sample(missing));
        }
        if (!extra.isEmpty()) {
            lines.add("  keys in ClickHouse but not in the source: " + sample(extra));
        }
        return lines.isEmpty() ? "  (no difference when compared again: the target was still changing)"
                : String.join("\n", lines);
    }

    private static String sample(List<String> keys) {
        return keys.size() <= 12 ? keys.toString() : keys.subList(0, 12) + " … (" + keys.size() + ")";
    }

    private static Map<String, Row> sourceRows(Connection conn, SourceSql sql, TableMapping mapping) throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        RowReader reader = new RowReader(sql.kind(), mapping.source());
        int width = mapping.types().size();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql.selectAll(mapping.source()))) {
            while (rs.next()) {
                SourceRow row = reader.read(rs);
                byte[][] encoded = new byte[width][];
                String[] text = new String[width];
                String[] raw = new String[width];
                String error = row.error();
                for (int i = 0; i < width; i++) {
                    raw[i] = raw(rs, i + 1);
                    try {
                        ByteSink sink = new ByteSink(64);
                        mapping.encoder().encodeColumn(i, row.values()[i], sink);
                        encoded[i] = sink.toByteArray();
                        text[i] = display(mapping.types().get(i), encoded[i], 0, encoded[i].length);
                    } catch (BadValueException | RuntimeException e) {
                        error = error != null ? error : mapping.source().columns().get(i).name() + ": " + e.getMessage();
                    }
                }
                rows.put(key(mapping, encoded), new Row(encoded, text, raw, error));
            }
        }
        return rows;
    }

    private static Map<String, Row> clickhouseRows(ClickHouseGateway clickhouse, TableMapping mapping, boolean cdc) {
        TargetTable target = mapping.target();
        String columns = mapping.source().columns().stream()
                .map(c -> ClickHouseGateway.quoteIdentifier(c.name())).collect(Collectors.joining(", "));
        String query = "SELECT " + columns + " FROM " + target.qualifiedName()
                + (target.engine() == TargetTable.Engine.REPLACING_MERGE_TREE ? " FINAL" : "")
                + (cdc ? " WHERE " + ClickHouseGateway.quoteIdentifier(TargetTable.DELETED_COLUMN) + " = 0" : "");
        Map<String, Row> rows = new LinkedHashMap<>();
        List<ChType> types = mapping.types();
        clickhouse.queryStream(query, ClickHouseFormat.RowBinary, in -> {
            RowBinaryRowReader reader = new RowBinaryRowReader(in, types);
            ByteSink row = new ByteSink(1024);
            int[] starts = new int[types.size() + 1];
            while (reader.next(row, starts)) {
                byte[] bytes = row.toByteArray();
                byte[][] encoded = new byte[types.size()][];
                String[] text = new String[types.size()];
                for (int i = 0; i < types.size(); i++) {
                    encoded[i] = Arrays.copyOfRange(bytes, starts[i], starts[i + 1]);
                    text[i] = display(types.get(i), bytes, starts[i], starts[i + 1]);
                }
                rows.put(key(mapping, encoded), new Row(encoded, text, text, null));
            }
        });
        return rows;
    }

    private static String key(TableMapping mapping, byte[][] encoded) {
        return mapping.keyColumns().stream().map(i -> encoded[i] == null ? "?"
                : RowBinaryRowReader.decodeText(mapping.types().get(i), encoded[i], 0, encoded[i].length))
                .collect(Collectors.joining(","));
    }

    /**
     * A value as ClickHouse would print it; strings that are not printable UTF-8 (bytes, geometries) as hex,
     * so that binary differences can be read.
     */
    private static String display(ChType type, byte[] bytes, int from, int to) {
        if (type.kind() == ChKind.STRING && !(type.nullable() && bytes[from] == 1)) {
            int pos = from + (type.nullable() ? 1 : 0);
            long length = 0;
            int shift = 0;
            while ((bytes[pos] & 0x80) != 0) {
                length |= (long) (bytes[pos++] & 0x7F) << shift;
                shift += 7;
            }
            length |= (long) (bytes[pos++] & 0x7F) << shift;
            byte[] value = Arrays.copyOfRange(bytes, pos, pos + (int) length);
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString();
                if (text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                    return text;
                }
            } catch (CharacterCodingException binary) {
                // shown as hex below
            }
            return "0x" + HexFormat.of().formatHex(value);
        }
        if (type.kind() == ChKind.ARRAY && !(type.nullable() && bytes[from] == 1)) {
            int pos = from + (type.nullable() ? 1 : 0);
            long count = 0;
            int shift = 0;
            while ((bytes[pos] & 0x80) != 0) {
                count |= (long) (bytes[pos++] & 0x7F) << shift;
                shift += 7;
            }
            count |= (long) (bytes[pos++] & 0x7F) << shift;
            List<String> items = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                int end = end(type.element(), bytes, pos);
                items.add(display(type.element(), bytes, pos, end));
                pos = end;
            }
            return "[" + String.join(", ", items) + "]";
        }
        boolean isFloat = type.kind() == ChKind.FLOAT32 || type.kind() == ChKind.FLOAT64;
        if (isFloat && !(type.nullable() && bytes[from] == 1)) {
            ByteBuffer value = ByteBuffer.wrap(bytes, from + (type.nullable() ? 1 : 0), to - from)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return type.kind() == ChKind.FLOAT32 ? Float.toString(value.getFloat())
                    : Double.toString(value.getDouble());
        }
        return RowBinaryRowReader.decodeText(type, bytes, from, to);
    }

    /** Where the RowBinary value of {@code type} that starts at {@code pos} ends. */
    private static int end(ChType type, byte[] bytes, int pos) {
        if (type.nullable() && bytes[pos++] == 1) {
            return pos;
        }
        return switch (type.kind()) {
            case STRING, ARRAY -> {
                long count = 0;
                int shift = 0;
                while ((bytes[pos] & 0x80) != 0) {
                    count |= (long) (bytes[pos++] & 0x7F) << shift;
                    shift += 7;
                }
                count |= (long) (bytes[pos++] & 0x7F) << shift;
                if (type.kind() == ChKind.STRING) {
                    yield pos + (int) count;
                }
                for (long i = 0; i < count; i++) {
                    pos = end(type.element(), bytes, pos);
                }
                yield pos;
            }
            case DECIMAL -> pos + type.decimalWidth();
            default -> pos + type.kind().width();
        };
    }

    /** The source's own text of a value; binary values (which the driver decodes as garbage) as hex. */
    private static String raw(ResultSet rs, int column) throws java.sql.SQLException {
        String text = rs.getString(column);
        if (text != null && text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r'
                || c == 0xFFFD)) {
            return "0x" + HexFormat.of().formatHex(rs.getBytes(column));
        }
        return text;
    }

    private static String clip(String text) {
        if (text == null) {
            return "NULL";
        }
        String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…(" + text.length() + " chars)" : text;
        return "'" + shown.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }

    /** Two long values shown around their first difference. */
    private static String[] aroundDifference(String ours, String theirs) {
        if (ours == null || theirs == null || (ours.length() <= MAX_TEXT && theirs.length() <= MAX_TEXT)) {
            return new String[] {clip(ours), clip(theirs)};
        }
        int at = 0;
        while (at < ours.length() && at < theirs.length() && ours.charAt(at) == theirs.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 20);
        return new String[] {window(ours, from, at), window(theirs, from, at)};
    }

    private static String window(String text, int from, int at) {
        String part = text.substring(Math.min(from, text.length()), Math.min(text.length(), from + 60));
        return "(" + text.length() + " chars, first difference at " + at + ") …'" + part.replace("\n", "\\n") + "'…";
    }
}
