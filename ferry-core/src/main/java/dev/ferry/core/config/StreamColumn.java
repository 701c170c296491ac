package dev.ferry.core.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a stream pipeline's table and the rules a message must meet for it.
 *
 * @param path     where the value is: a dotted JSON path, or a 0-based CSV field index
 * @param type     one of {@code string, int32, int64, float64, decimal(P,S), boolean, timestamp, date}
 * @param required a message without the value (or with null) is a dead letter; otherwise the column is Nullable
 * @param min      smallest allowed number, or null
 * @param max      largest allowed number, or null
 * @param pattern  a regular expression strings must match as a whole, or null
 */
public record StreamColumn(String name, String path, String type, boolean required, Double min, Double max,
        Pattern pattern) {

    public StreamColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }
}
