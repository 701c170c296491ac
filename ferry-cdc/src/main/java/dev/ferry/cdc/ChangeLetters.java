package dev.ferry.cdc;

import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.sync.DeadLetterRows;
import dev.ferry.sync.TableMapping;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Dead letters of change events: the row's key, the row image exactly as Debezium delivered it (JSON, bytes in
 * base64, NULLs as null rather than the column default), and the reason.
 */
final class ChangeLetters {

    private static final JsonConverter JSON = converter();

    private ChangeLetters() {
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC",
                "replace.null.with.default", "false"), false);
        return converter;
    }

    /**
     * @param values the row as read from the image, for the key: the same text the sync path writes, which
     *               {@code ferry validate} looks dead letters up by
     */
    static DeadLetterTable.Letter of(String pipeline, TableMapping table, Struct image, Object[] values, String error) {
        boolean keyRead = table.keyColumns().stream()
                .allMatch(i -> values[i] != null && values[i] != DebeziumValues.UNAVAILABLE);
        return new DeadLetterTable.Letter(pipeline, table.name(),
                keyRead ? DeadLetterRows.key(table, values) : key(table, image), json(image), error);
    }

    static String json(Struct image) {
        synchronized (JSON) {
            return new String(JSON.fromConnectData("", image.schema(), image), StandardCharsets.UTF_8);
        }
    }

    /** The key columns' values as the event carries them, when they could not be read. */
    private static String key(TableMapping table, Struct image) {
        return table.keyColumns().stream().map(i -> table.source().columns().get(i).name())
                .map(name -> image.schema().field(name) == null ? "" : String.valueOf(image.getWithoutDefault(name)))
                .collect(Collectors.joining(","));
    }
}
