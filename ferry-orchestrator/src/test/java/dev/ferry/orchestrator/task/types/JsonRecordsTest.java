package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void recordsAtTheRootOrADottedPath() throws Exception {
        assertThat(JsonRecords.at(json("[{\"a\": 1}, {\"a\": 2}]"), "")).hasSize(2);
        assertThat(JsonRecords.at(json("{\"data\": {\"items\": [{\"a\": 1}]}}"), "data.items"))
                .singleElement().satisfies(record -> assertThat(record.get("a").asInt()).isEqualTo(1));
        assertThat(JsonRecords.at(json("{\"results\": [{\"rows\": [{\"a\": 1}, {\"a\": 2}]}]}"), "results.0.rows"))
                .hasSize(2);
    }

    @Test
    void oneObjectIsOneRecordAndNullIsNone() throws Exception {
        assertThat(JsonRecords.at(json("{\"base\": \"EUR\", \"rate\": 1.1}"), null)).hasSize(1);
        assertThat(JsonRecords.at(json("{\"items\": null}"), "items")).isEmpty();
    }

    @Test
    void aPathThatLeadsNowhereSaysWhatIsThere() throws Exception {
        assertThatThrownBy(() -> JsonRecords.at(json("{\"data\": {\"rows\": []}}"), "data.items"))
                .hasMessage("no field 'items' in the object at 'data'; it has: rows");
        assertThatThrownBy(() -> JsonRecords.at(json("{\"data\": 5}"), "data"))
                .hasMessage("expected an array of records (JSON objects) at 'data', got a number");
        assertThatThrownBy(() -> JsonRecords.at(json("{\"data\": [1, 2]}"), "data"))
                .hasMessage("item 0 of the array at 'data' is a number, not a record (JSON object)");
        assertThatThrownBy(() -> JsonRecords.at(json("[[]]"), "3"))
                .hasMessage("the array at the root has 1 items; there is no item 3");
        assertThatThrownBy(() -> JsonRecords.at(json("{\"a\": \"text\"}"), "a.b"))
                .hasMessage("cannot look up 'b' in a string at 'a'");
    }
}
