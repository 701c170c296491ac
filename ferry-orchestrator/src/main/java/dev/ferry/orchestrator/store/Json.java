package dev.ferry.orchestrator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.FerryException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Params and task outputs are JSON objects in the store. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static String write(Map<String, Object> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new FerryException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new FerryException("stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
