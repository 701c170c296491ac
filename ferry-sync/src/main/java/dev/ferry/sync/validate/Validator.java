package dev.ferry.sync.validate;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.table.TargetTable;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.clickhouse.types.ByteSink;
import dev.ferry.clickhouse.types.RowBinaryRowReader;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.core.schema.ColumnSpec;
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
import dev.ferry.sync.snapshot.ChunkPlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Compares source and ClickHouse value by value. Each chunk of the key range is read from both sides;
 * every row is encoded as RowBinary (the source rows by Ferry's encoder, the ClickHouse rows exactly as
 * the server returns them from the deduplicated view) and fingerprinted, so a single changed value in a
 * single row is found and its key reported. Counting rows alone would miss that. Source rows that cannot be
 * written at all must be in the dead-letter table ({@link DeadLetterCheck}); then the table is
 * {@link TableValidation.State#EQUAL_EXCEPT_DEAD_LETTERS}, never plain equal.
 */
public final class Validator {

    private final FerryConfig config;
    private final PipelineConfig pipeline;

    public Validator(FerryConfig config, PipelineConfig pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    public List<TableValidation> run(String onlyTable, Consumer<TableValidation> progress) {
        if (pipeline.mode() == SyncMode.STREAM) {
            throw new FerryException("pipeline '" + pipeline.name() + "' is a stream pipeline: there is no source table "
                    + "to compare; its counts reconcile in ferry stream's status (rows + dead letters = consumed)");
        }
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        SourceSql sql = new SourceSql(source.kind());
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(Endpoints.clickhouse(
                config.connections().get(pipeline.target().connection()), pipeline.target().database()));
                Connection conn = DataSources.connect(source)) {
            sql.prepareForReading(conn);
            conn.setAutoCommit(false);
            // the target's own column types: a date column that is String in ClickHouse is compared as text
            TableMapper mapper = TableMapper.followingTargets(pipeline, source, clickhouse);
            List<TableValidation> results = new ArrayList<>();
            for (var spec : SourceTables.describe(conn, SourceCatalog.of(source.kind()), pipeline, onlyTable)) {
                TableValidation result = validate(conn, sql, clickhouse, mapper.map(spec));
                results.add(result);
                progress.accept(result);
            }
            conn.rollback();
            return results;
        } catch (SQLException e) {
            throw new FerryException("validation of pipeline '" + pipeline.name() + "' failed reading " + source + ": "
                    + e.getMessage(), e);
        }
    }

    private TableValidation validate(Connection conn, SourceSql sql, ClickHouseGateway clickhouse,
            TableMapping table) throws SQLException {
        TargetTable target = table.target();
        if (!new ClickHouseCatalog(clickhouse).exists(target.database(), target.name())) {
            return new TableValidation(table.name(), -1, -1, 0, List.of(), List.of(), List.of(), List.of(), 0, 0,
                    deadLetterTable(target), "target table " + target.database() + "." + target.name()
                            + " does not exist; run ferry sync first");
        }
        ChunkPlanner.Plan plan = ChunkPlanner.plan(conn, sql, table, pipeline.chunkRows());
        List<Slice> slices = plan.chunks().isEmpty() ? Slice.byHash(plan.rows(), pipeline.chunkRows())
                : plan.chunks().stream().map(Slice::range).toList();
        ColumnSpec split = ChunkPlanner.splitColumn(table);
        List<String> badChunks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> different = new ArrayList<>();
        long mismatched = 0;
        long clickhouseRows = 0;
        DeadLetterCheck deadLetters = new DeadLetterCheck(table);
        for (Slice slice : slices) {
            ChunkComparison chunk = new ChunkComparison();
            readSource(conn, sql, table, split, slice, chunk, deadLetters);
            clickhouseRows += readClickHouse(clickhouse, table, range(split, slice.bounds()),
                    pipeline.mode() == SyncMode.CDC, slice, chunk);
            if (!chunk.compare()) {
                badChunks.add(slice.describe(split));
                mismatched += chunk.mismatched;
                addSample(missing, chunk.missing);
                addSample(extra, chunk.extra);
                addSample(different, chunk.different);
            }
        }
        if (!plan.chunks().isEmpty()) {
            // the chunks cover the source's key range only: ClickHouse rows outside it have no source row at all
            ChunkComparison outside = new ChunkComparison();
            String column = ClickHouseGateway.quoteIdentifier(split.name());
            long min = plan.chunks().get(0)[0];
            long max = plan.chunks().get(plan.chunks().size() - 1)[1];
            clickhouseRows += readClickHouse(clickhouse, table, "(" + column + " < " + min + " OR " + column + " > "
                    + max + ")", pipeline.mode() == SyncMode.CDC, Slice.range(null), outside);
            if (!outside.compare()) {
                badChunks.add(split.name() + " outside " + min + ".." + max);
                mismatched += outside.mismatched;
                addSample(extra, outside.extra);
            }
        }
        long copies = copiesBeyondFinal(clickhouse, target, clickhouseRows);
        if (copies > 0) {
            badChunks.add(copies + " duplicate rows: " + target.database() + "." + target.name() + " holds "
                    + (clickhouseRows + copies) + " rows without FINAL but " + clickhouseRows + " with it; a snapshot "
                    + "target must hold each row once (queries without FINAL count the copies); reload it with: "
                    + "ferry sync --full --table " + table.name());
            mismatched += copies;
        }
        DeadLetterCheck.Result lettered = deadLetters.verify(clickhouse, target.database(), pipeline.name());
        if (lettered.missingRows() > 0) {
            badChunks.add(lettered.missingRows() + " rows that cannot be written are not in " + deadLetterTable(target)
                    + " either");
            mismatched += lettered.missingRows();
            addSample(missing, lettered.missingSample());
        }
        return new TableValidation(table.name(), plan.rows(), clickhouseRows, slices.size(), badChunks, missing, extra,
                different, mismatched, lettered.rows(), deadLetterTable(target), null);
    }

    /**
     * Rows the target holds beyond those read with FINAL. The comparison reads FINAL, which hides copies of a row,
     * but a snapshot target replaced by its staging table must hold every row once: queries without FINAL count
     * what is there. Incremental and CDC targets keep older versions of changed rows until ClickHouse merges them,
     * so copies are expected there and only FINAL counts.
     */
    private long copiesBeyondFinal(ClickHouseGateway clickhouse, TargetTable target, long finalRows) {
        if (pipeline.mode() != SyncMode.SNAPSHOT || target.engine() != TargetTable.Engine.REPLACING_MERGE_TREE) {
            return 0; // a plain MergeTree is read without FINAL: its copies are counted as extra rows already
        }
        return clickhouse.queryLong("SELECT count() FROM " + target.qualifiedName()) - finalRows;
    }

    private static String deadLetterTable(TargetTable target) {
        return target.database() + "." + DeadLetterTable.NAME;
    }

    private static void addSample(List<String> into, List<String> from) {
        for (String key : from) {
            if (into.size() < ChunkComparison.SAMPLE) {
                into.add(key);
            }
        }
    }

    /** Source rows of the slice; those that cannot be written at all go to {@code deadLetters} to be looked up. */
    private static void readSource(Connection conn, SourceSql sql, TableMapping table, ColumnSpec split,
            Slice slice, ChunkComparison chunk, DeadLetterCheck deadLetters) throws SQLException {
        long[] bounds = slice.bounds();
        String query = sql.selectAll(table.source()) + where(sql.quote(split == null ? "" : split.name()), bounds);
        RowReader reader = new RowReader(sql.kind(), table.source());
        RowDigest digest = new RowDigest();
        ByteSink row = new ByteSink(1024);
        ByteSink key = new ByteSink(64);
        try (PreparedStatement ps = sql.streamingStatement(conn, query)) {
            bind(ps, bounds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceRow source = reader.read(rs);
                    row.reset();
                    try {
                        if (source.isBad()) {
                            throw new BadValueException("?", source.error());
                        }
                        table.encoder().encode(source.values(), row);
                        long d = digest.of(row.toByteArray(), 0, row.size());
                        String keyText = keyText(table, source.values(), key, d);
                        if (slice.holds(keyText)) {
                            chunk.addSource(keyText, d);
                        }
                    } catch (BadValueException e) {
                        if (slice.collectsDeadLetters()) {
                            deadLetters.add(source.values());
                        }
                    }
                }
            }
        }
    }

    private static String keyText(TableMapping table, Object[] values, ByteSink key, long digest)
            throws BadValueException {
        if (!table.keyed()) {
            return Long.toHexString(digest);
        }
        List<String> parts = new ArrayList<>();
        for (int index : table.keyColumns()) {
            key.reset();
            table.encoder().encodeColumn(index, values[index], key);
            byte[] bytes = key.toByteArray();
            parts.add(RowBinaryRowReader.decodeText(table.types().get(index), bytes, 0, bytes.length));
        }
        return String.join(",", parts);
    }

    /**
     * ClickHouse rows of the slice, deduplicated ({@code FINAL}) and, for CDC targets, without the rows
     * deleted at the source; returns their count.
     */
    private static long readClickHouse(ClickHouseGateway clickhouse, TableMapping table, String range, boolean cdc,
            Slice slice, ChunkComparison chunk) {
        TargetTable target = table.target();
        String columns = table.source().columns().stream()
                .map(c -> ClickHouseGateway.quoteIdentifier(c.name())).collect(Collectors.joining(", "));
        List<String> conditions = new ArrayList<>();
        if (range != null) {
            conditions.add(range);
        }
        if (cdc) {
            conditions.add(ClickHouseGateway.quoteIdentifier(TargetTable.DELETED_COLUMN) + " = 0");
        }
        String finalClause = target.engine() == TargetTable.Engine.REPLACING_MERGE_TREE ? " FINAL" : "";
        String query = "SELECT " + columns + " FROM " + target.qualifiedName() + finalClause
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        long[] count = {0};
        clickhouse.queryStream(query, ClickHouseFormat.RowBinary, in -> {
            RowBinaryRowReader reader = new RowBinaryRowReader(in, table.types());
            ByteSink row = new ByteSink(1024);
            int[] starts = new int[table.types().size() + 1];
            RowDigest digest = new RowDigest();
            while (reader.next(row, starts)) {
                byte[] bytes = row.toByteArray();
                long d = digest.of(bytes, 0, bytes.length);
                String key = clickhouseKey(table, bytes, starts, d);
                if (slice.holds(key)) {
                    chunk.addClickHouse(key, d);
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    private static String clickhouseKey(TableMapping table, byte[] row, int[] starts, long digest) {
        if (!table.keyed()) {
            return Long.toHexString(digest);
        }
        List<String> parts = new ArrayList<>();
        for (int index : table.keyColumns()) {
            parts.add(RowBinaryRowReader.decodeText(table.types().get(index), row, starts[index], starts[index + 1]));
        }
        return String.join(",", parts);
    }

    /** The ClickHouse condition for a chunk's key range; null for the whole table. */
    private static String range(ColumnSpec split, long[] bounds) {
        if (bounds == null) {
            return null;
        }
        String column = ClickHouseGateway.quoteIdentifier(split.name());
        return column + " >= " + bounds[0] + " AND " + column + " <= " + bounds[1];
    }

    private static String where(String column, long[] bounds) {
        return bounds == null ? "" : " WHERE " + column + " >= ? AND " + column + " <= ?";
    }

    private static void bind(PreparedStatement ps, long[] bounds) throws SQLException {
        if (bounds != null) {
            ps.setLong(1, bounds[0]);
            ps.setLong(2, bounds[1]);
        }
    }
}
