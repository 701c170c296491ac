package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.StreamColumn;
import dev.ferry.core.config.StreamConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private static final List<StreamColumn> COLUMNS = List.of(
            new StreamColumn("id", "id", "int64", true, null, null, null),
            new StreamColumn("price", "price", "decimal(10,2)", true, null, null, null),
            new StreamColumn("at", "at", "timestamp", false, null, null, null));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void debeziumEventsAreReadFromTheirRowImage() throws Exception {
        MessageParser parser = new MessageParser.Json(COLUMNS, true);
        Object[] row = parser.parse(bytes("{\"before\": null, \"after\": {\"id\": 5, \"price\": \"12.50\", "
                + "\"at\": 1767225600000}, \"op\": \"c\"}"));
        assertThat(row).containsExactly(5L, new BigDecimal("12.50"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parser.lastWasDelete()).isFalse();

        Object[] deleted = parser.parse(bytes("{\"payload\": {\"before\": {\"id\": 5, \"price\": null, \"at\": null}, "
                + "\"after\": null, \"op\": \"d\"}}"));
        assertThat(deleted).containsExactly(5L, null, null);
        assertThat(parser.lastWasDelete()).isTrue();

        // unchanged TOAST values a CDC pipeline left out: never stored as if they were values
        MessageParser uuids = new MessageParser.Json(List.of(new StreamColumn("ids", "ids", "string", false, null, null,
                null)), true);
        assertThatThrownBy(() -> uuids.parse(bytes("{\"after\": {\"ids\": [\"" + dev.ferry.core.schema.UnchangedValue
                .UUID_TEXT + "\"]}, \"op\": \"u\"}"))).hasMessageContaining("REPLICA IDENTITY FULL");
        assertThatThrownBy(() -> uuids.parse(bytes("{\"after\": {\"ids\": \"" + dev.ferry.core.schema.UnchangedValue
                .BASE64 + "\"}, \"op\": \"u\"}"))).hasMessageContaining("unchanged value");

        // a CDC pipeline publishes TRUNCATE events (op "t", no row image): a stream pipeline cannot apply one
        assertThatThrownBy(() -> parser.parse(bytes("{\"before\": null, \"after\": null, \"op\": \"t\"}")))
                .hasMessageContaining("TRUNCATE").hasMessageContaining("resync this table");
    }

    @Test
    void nestedPathsAndRulesNameTheColumn() {
        StreamColumn temperature = new StreamColumn("temperature", "metrics.temperature", "float64", true, -50.0, 150.0,
                null);
        MessageParser parser = new MessageParser.Json(List.of(temperature), false);
        assertThatThrownBy(() -> parser.parse(bytes("{\"metrics\": {\"temperature\": 151}}")))
                .hasMessage("column temperature (metrics.temperature): 151.0 is above the maximum 150");
        assertThatThrownBy(() -> parser.parse(bytes("{\"metrics\": 3}")))
                .hasMessage("column temperature (metrics.temperature): is required but missing");
    }

    @Test
    void csvFieldsByPositionWithQuotes() throws Exception {
        MessageParser parser = MessageParser.of(new StreamConfig(List.of("t"), null, "g",
                StreamConfig.StreamFormat.CSV, true, List.of(
                        new StreamColumn("id", "0", "int64", true, null, null, null),
                        new StreamColumn("name", "1", "string", false, null, null, null)),
                "t", null, ';', null, List.of(), List.of()));
        assertThat(parser.parse(bytes("7;\"a;b\"\n"))).containsExactly(7L, "a;b");
        // Latin-1 'é' is not UTF-8: refused with where it is, not stored as U+FFFD
        assertThatThrownBy(() -> parser.parse(new byte[] {'8', ';', 'c', 'a', 'f', (byte) 0xE9}))
                .hasMessage("not a CSV line: not valid UTF-8: byte 0xe9 at offset 5 starts an invalid sequence");
        assertThat(parser.parse(bytes("9;caf\u00e9"))).containsExactly(9L, "caf\u00e9");
    }
}
