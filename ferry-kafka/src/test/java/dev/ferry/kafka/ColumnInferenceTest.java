package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.config.StreamColumn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnInferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<StreamColumn> infer(boolean subSecond, String... messages) throws Exception {
        List<JsonNode> samples = new ArrayList<>();
        for (String message : messages) {
            samples.add(JSON.readTree(message));
        }
        return ColumnInference.infer(samples, subSecond);
    }

    @Test
    void nestedFieldsBecomeColumnsNamedByPathTypedByWhatEverySampleFits() throws Exception {
        List<StreamColumn> columns = infer(true,
                "{\"sensor_id\": \"s-1\", \"ts\": \"2026-01-01T10:00:00Z\", \"value\": {\"temp\": 20, \"ok\": true},"
                        + " \"day\": \"2026-01-01\", \"tags\": [\"a\"], \"note\": null}",
                "{\"sensor_id\": \"s-2\", \"ts\": \"2026-01-01T10:00:01.5+03:00\", \"value\": {\"temp\": 20.5, \"ok\":"
                        + " false}, \"day\": \"2026-01-02\", \"extra\": 7}");
        assertThat(columns).extracting(StreamColumn::name, StreamColumn::path, StreamColumn::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sensor_id", "sensor_id", "string"),
                org.assertj.core.groups.Tuple.tuple("ts", "ts", "timestamp"),
                org.assertj.core.groups.Tuple.tuple("value_temp", "value.temp", "float64"),
                org.assertj.core.groups.Tuple.tuple("value_ok", "value.ok", "boolean"),
                org.assertj.core.groups.Tuple.tuple("day", "day", "date"),
                org.assertj.core.groups.Tuple.tuple("tags", "tags", "string"),
                org.assertj.core.groups.Tuple.tuple("note", "note", "string"),
                org.assertj.core.groups.Tuple.tuple("extra", "extra", "int64"));
        assertThat(columns).allSatisfy(column -> assertThat(column.required()).isFalse());
    }

    @Test
    void mixedKindsWidenToStringAndClashingNamesGetASuffix() throws Exception {
        List<StreamColumn> columns = infer(true, "{\"a\": {\"b\": 1}, \"a_b\": 2, \"code\": 5, \"x-y\": 1}",
                "{\"code\": \"A5\"}");
        assertThat(columns).extracting(StreamColumn::name, StreamColumn::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a_b", "int64"),
                org.assertj.core.groups.Tuple.tuple("a_b_2", "int64"),
                org.assertj.core.groups.Tuple.tuple("code", "string"),
                org.assertj.core.groups.Tuple.tuple("x_y", "int64"));
    }

    @Test
    void timesWithFractionsStayTextOnServersWithoutSubSecondTimestamps() throws Exception {
        assertThat(infer(false, "{\"t\": \"2026-01-01T10:00:00.250Z\"}").get(0).type()).isEqualTo("string");
        assertThat(infer(false, "{\"t\": \"2026-01-01T10:00:00Z\"}").get(0).type()).isEqualTo("timestamp");
    }

    @Test
    void clickHouseTypesReadBackAsStreamTypes() {
        assertThat(List.of("Nullable(String)", "Nullable(Int64)", "Float64", "Nullable(UInt8)", "DateTime",
                "Nullable(DateTime64(3, 'UTC'))", "Date", "Nullable(Decimal(18, 4))", "LowCardinality(String)"))
                .map(StreamSchema::streamType).containsExactly("string", "int64", "float64", "boolean", "timestamp",
                        "timestamp", "date", "decimal(18,4)", "string");
    }
}
