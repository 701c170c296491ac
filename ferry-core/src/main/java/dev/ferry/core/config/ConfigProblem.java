package dev.ferry.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a config file, located precisely enough for the user to jump to it.
 *
 * @param line  1-based line, or 0 when the problem concerns the file as a whole (it cannot be read)
 * @param field dotted path of the offending value such as {@code pipelines[0].source.connection}, or empty
 *              when the problem has no field (a YAML syntax error)
 */
public record ConfigProblem(Path file, int line, String field, String message) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code <file>:<line>: <field>: <message>}, leaving out the parts this problem has none of. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file.toString();
        return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
    }
}
