package dev.ferry.cli.dags;

import dev.ferry.core.FerryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run parameters given as {@code --param key=value}. Values stay text; tasks render them into their settings. */
final class Params {

    private Params() {
    }

    static Map<String, Object> parse(List<String> pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (pairs == null) {
            return params;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new FerryException("--param expects key=value, got '" + pair + "'");
            }
            params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return params;
    }
}
