package dev.ferry.clickhouse.write;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteIdentifier;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.types.ByteSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rows Ferry could not write, kept in ClickHouse beside the data with the reason: never dropped. One table
 * per target database, {@code _ferry_dead_letters}.
 */
public final class DeadLetterTable {

    public static final String NAME = "_ferry_dead_letters";
    private static final List<String> COLUMNS = List.of("pipeline", "source_table", "row_key", "payload", "error",
            "failed_at");

    private final ClickHouseGateway gateway;
    private final String database;

    public DeadLetterTable(ClickHouseGateway gateway, String database) {
        this.gateway = gateway;
        this.database = database;
    }

    public String qualifiedName() {
        return quoteIdentifier(database) + "." + quoteIdentifier(NAME);
    }

    public void create() {
        gateway.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (\n"
                + "    pipeline String, source_table String, row_key String, payload String, error String,\n"
                + "    failed_at DateTime('UTC')\n) ENGINE = MergeTree ORDER BY (pipeline, source_table, failed_at)");
    }

    /** One rejected row: its key, the whole row as JSON, and why. */
    public record Letter(String pipeline, String sourceTable, String rowKey, String payload, String error) {
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
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeVarInt(bytes.length);
                out.write(bytes, 0, bytes.length);
            }
            out.writeIntLE((int) now);
        }
        gateway.insert(qualifiedName(), COLUMNS, out.asInputStream(), ClickHouseFormat.RowBinary, Map.of());
    }
}
