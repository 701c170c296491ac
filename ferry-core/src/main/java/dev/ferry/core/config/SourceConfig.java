package dev.ferry.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tables of a source connection a pipeline copies: those listed by name plus those matching an
 * include glob, minus those matching an exclude glob. Globs use {@code *} and {@code ?} on
 * {@code schema.table}.
 */
public record SourceConfig(String connection, List<TableSelection> tables, List<String> include,
                           List<String> exclude) {

    public SourceConfig {
        Objects.requireNonNull(connection, "connection");
        tables = List.copyOf(tables);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Whether the pipeline copies the table {@code schema.table}. */
    public boolean matches(String qualifiedName) {
        boolean selected = selection(qualifiedName).isPresent()
                || include.stream().anyMatch(glob -> Globs.matches(glob, qualifiedName));
        return selected && exclude.stream().noneMatch(glob -> Globs.matches(glob, qualifiedName));
    }

    /** The table's own settings when it is listed by name. */
    public Optional<TableSelection> selection(String qualifiedName) {
        return tables.stream().filter(table -> table.name().equals(qualifiedName)).findFirst();
    }

    /** The include globs as regular expressions over {@code schema.table}. */
    public List<String> includeRegexes() {
        return include.stream().map(Globs::toRegex).toList();
    }

    /** The exclude globs as regular expressions over {@code schema.table}. */
    public List<String> excludeRegexes() {
        return exclude.stream().map(Globs::toRegex).toList();
    }

    /** Whether tables created later may join the pipeline (it selects by pattern, not only by name). */
    public boolean selectsByPattern() {
        return !include.isEmpty();
    }
}
