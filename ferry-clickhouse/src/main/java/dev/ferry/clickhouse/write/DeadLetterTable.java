package dev.ferry.clickhouse.write;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteIdentifier;
import static dev.ferry.clickhouse.ClickHouseGateway.quoteString;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseException;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.ClickHouseCatalog;
import dev.ferry.clickhouse.types.ByteSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows Ferry could not write, kept in ClickHouse beside the data with the reason: never dropped. One table
 * per target database, {@code _ferry_dead_letters}.
 *
 * <p>A letter written by a table load (a snapshot chunk) names that load in {@code load_id}; letters of
 * changes (CDC, streams) and of incremental runs leave it empty. A reload of a table replaces the letters of
 * its earlier loads ({@link #replaceEarlierLoads}), so reruns do not pile up the same rows again; the
 * letters of changes are never removed by a load.
 */
public final class DeadLetterTable {

    public static final String NAME = "_ferry_dead_letters";
    public static final String LOAD_COLUMN = "load_id";
    private static final List<String> COLUMNS = List.of("pipeline", "source_table", "row_key", "payload", "error",
            "failed_at", LOAD_COLUMN);
    /** How long a deletion of replaced letters may take before the load fails rather than count them twice. */
    private static final Duration MUTATION_TIMEOUT = Duration.ofMinutes(10);

    private final ClickHouseGateway gateway;
    private final String database;

    public DeadLetterTable(ClickHouseGateway gateway, String database) {
        this.gateway = gateway;
        this.database = database;
    }

    public String qualifiedName() {
        return quoteIdentifier(database) + "." + quoteIdentifier(NAME);
    }

    /** Creates the table, or adds {@code load_id} to one an earlier Ferry created. */
    public void create() {
        gateway.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (\n"
                + "    pipeline String, source_table String, row_key String, payload String, error String,\n"
                + "    failed_at DateTime('UTC'), " + LOAD_COLUMN + " String DEFAULT ''\n"
                + ") ENGINE = MergeTree ORDER BY (pipeline, source_table, failed_at)");
        boolean hasLoad = new ClickHouseCatalog(gateway).columns(database, NAME)
                .map(columns -> columns.containsKey(LOAD_COLUMN)).orElse(true);
        if (!hasLoad) {
            try {
                gateway.execute("ALTER TABLE " + qualifiedName() + " ADD COLUMN " + LOAD_COLUMN + " String DEFAULT ''");
            } catch (ClickHouseException e) {
                // another Ferry process (a CDC pipeline beside this sync) may have added it a moment ago
                if (!new ClickHouseCatalog(gateway).columns(database, NAME).orElseThrow().containsKey(LOAD_COLUMN)) {
                    throw e;
                }
            }
        }
    }

    /**
     * One rejected row: its key, the whole row as JSON, why, and the load that read it ({@link #chunkLoad}; empty
     * for a change).
     */
    public record Letter(String pipeline, String sourceTable, String rowKey, String payload, String error,
            String load) {

        /** A letter of a change (CDC, stream, incremental run): no load replaces it. */
        public Letter(String pipeline, String sourceTable, String rowKey, String payload, String error) {
            this(pipeline, sourceTable, rowKey, payload, error, "");
        }
    }

    /** The {@code load_id} of the letters of one chunk of the snapshot at {@code version}. */
    public static String chunkLoad(long version, int chunk) {
        return loadPrefix(version) + chunk;
    }

    private static String loadPrefix(long version) {
        return "snapshot " + version + " chunk ";
    }

    public void write(List<Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        ByteSink out = new ByteSink(4096);
        long now = Instant.now().getEpochSecond();
        for (Letter letter : letters) {
            for (String value : List.of(letter.pipeline(), letter.sourceTable(), letter.rowKey(), letter.payload(),
                    letter.error())) {
                writeString(out, value);
            }
            out.writeIntLE((int) now);
            writeString(out, letter.load());
        }
        gateway.insert(qualifiedName(), COLUMNS, out.asInputStream(), ClickHouseFormat.RowBinary, Map.of());
    }

    private static void writeString(ByteSink out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /**
     * Removes the letters the given chunks of the snapshot at {@code version} wrote in an attempt that did not
     * finish them: the chunks are read again and write their letters anew.
     */
    public void forgetChunks(String pipeline, String table, long version, List<Integer> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        String loads = chunks.stream().map(c -> quoteString(chunkLoad(version, c))).collect(Collectors.joining(", "));
        delete(ofTable(pipeline, table) + " AND " + LOAD_COLUMN + " IN (" + loads + ")");
    }

    /** Removes every letter the snapshot at {@code version} wrote: it starts over. */
    public void forgetLoad(String pipeline, String table, long version) {
        delete(ofTable(pipeline, table) + " AND startsWith(" + LOAD_COLUMN + ", " + quoteString(loadPrefix(version))
                + ")");
    }

    /**
     * After the snapshot at {@code version} of a table is complete: removes the letters every other load of the
     * table wrote, since this one read all its rows again. With {@code keepChanges} (a CDC target) the letters
     * of changes stay; otherwise (a batch pipeline, whose snapshot supersedes its incremental runs too) every
     * earlier letter of the table goes.
     */
    public void replaceEarlierLoads(String pipeline, String table, long version, boolean keepChanges) {
        String condition = ofTable(pipeline, table) + " AND NOT startsWith(" + LOAD_COLUMN + ", "
                + quoteString(loadPrefix(version)) + ")" + (keepChanges ? " AND " + LOAD_COLUMN + " != ''" : "");
        delete(condition);
    }

    private static String ofTable(String pipeline, String table) {
        return "pipeline = " + quoteString(pipeline) + " AND source_table = " + quoteString(table);
    }

    /**
     * Deletes matching letters and waits until they are gone. Deleting is a mutation, which the server applies in
     * the background; counts read before it is done would include the deleted rows. Nothing is sent when no
     * letter matches, so a run without dead letters starts no mutation.
     */
    private void delete(String condition) {
        if (gateway.queryLong("SELECT count() FROM " + qualifiedName() + " WHERE " + condition) == 0) {
            return;
        }
        gateway.execute("ALTER TABLE " + qualifiedName() + " DELETE WHERE " + condition);
        long deadline = System.nanoTime() + MUTATION_TIMEOUT.toNanos();
        while (gateway.queryLong("SELECT count() FROM system.mutations WHERE database = " + quoteString(database)
                + " AND table = " + quoteString(NAME) + " AND is_done = 0") > 0) {
            if (System.nanoTime() > deadline) {
                throw new ClickHouseException("ClickHouse did not finish deleting replaced dead letters from "
                        + database + "." + NAME + " within " + MUTATION_TIMEOUT.toMinutes() + " minutes; see "
                        + "system.mutations on the server", 0, true, null);
            }
            try {
                Thread.sleep(50); // the server offers no way to wait for a mutation before 19.x (mutations_sync)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClickHouseException("interrupted while waiting for dead letters to be deleted", 0, false, e);
            }
        }
    }
}
