package dev.ferry.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.config.StreamColumn;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers a stream's columns from sample JSON messages ({@code columns: auto}): every leaf of the objects
 * becomes a column named after its path ({@code value.sensor_id} → {@code value_sensor_id}), typed by what
 * the samples hold. Types only widen to what every sample fits (int64, then float64, else string), so no
 * sample would have become a dead letter; arrays and objects inside arrays are kept as JSON text.
 */
final class ColumnInference {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ColumnInference.class);
    private static final Set<String> SKIPPED_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What a value in the samples looked like. */
    private enum Seen { INTEGER, FLOAT, BOOLEAN, TIMESTAMP, DATE, TEXT, JSON }

    private ColumnInference() {
    }

    /**
     * @param subSecond whether the server keeps fractions of a second; without, times with a fraction are
     *                  inferred as text rather than as timestamps every sample of which would be refused
     */
    static List<StreamColumn> infer(List<JsonNode> samples, boolean subSecond) {
        Map<String, Set<Seen>> seen = new LinkedHashMap<>();
        for (JsonNode sample : samples) {
            if (sample != null && sample.isObject()) {
                visit("", sample, seen, subSecond);
            }
        }
        List<StreamColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        seen.forEach((path, kinds) -> columns.add(new StreamColumn(uniqueName(path, names), path, type(kinds), false,
                null, null, null)));
        return columns;
    }

    private static void visit(String prefix, JsonNode node, Map<String, Set<Seen>> seen, boolean subSecond) {
        node.fields().forEachRemaining(field -> {
            if (field.getKey().contains(".")) {
                // paths are dotted, so such a key could never be found again: leave it to the raw table
                if (SKIPPED_LOGGED.add(field.getKey())) {
                    LOG.warn("field '{}' has a dot in its name and gets no inferred column; list the columns to keep"
                            + " it", prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey());
                }
                return;
            }
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && value.size() > 0) {
                visit(path, value, seen, subSecond);
                return;
            }
            Set<Seen> kinds = seen.computeIfAbsent(path, key -> EnumSet.noneOf(Seen.class));
            kind(value, subSecond).ifPresent(kinds::add);
        });
    }

    private static java.util.Optional<Seen> kind(JsonNode value, boolean subSecond) {
        if (value.isNull()) {
            return java.util.Optional.empty();
        }
        if (value.isIntegralNumber()) {
            // beyond int64 a float would lose digits: such numbers are kept as text
            return java.util.Optional.of(value.canConvertToLong() ? Seen.INTEGER : Seen.TEXT);
        }
        if (value.isNumber()) {
            return java.util.Optional.of(Seen.FLOAT);
        }
        if (value.isBoolean()) {
            return java.util.Optional.of(Seen.BOOLEAN);
        }
        if (value.isTextual()) {
            return java.util.Optional.of(textKind(value.textValue(), subSecond));
        }
        return java.util.Optional.of(Seen.JSON);
    }

    /** ISO dates and times are recognised; anything else stays text. */
    private static Seen textKind(String text, boolean subSecond) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                LocalDate.parse(trimmed);
                return Seen.DATE;
            } catch (DateTimeParseException notADate) {
                return Seen.TEXT;
            }
        }
        if (trimmed.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})")) {
            try {
                OffsetDateTime time = OffsetDateTime.parse(trimmed.replace(' ', 'T')
                        .replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"));
                return subSecond || time.getNano() == 0 ? Seen.TIMESTAMP : Seen.TEXT;
            } catch (DateTimeParseException notATime) {
                return Seen.TEXT;
            }
        }
        return Seen.TEXT;
    }

    /** A column with no non-null sample is a string: the widest, and it takes whatever comes later. */
    private static String type(Set<Seen> kinds) {
        if (kinds.isEmpty() || kinds.size() > 1 && !kinds.equals(EnumSet.of(Seen.INTEGER, Seen.FLOAT))) {
            return "string";
        }
        if (kinds.contains(Seen.FLOAT)) {
            return "float64";
        }
        return switch (kinds.iterator().next()) {
            case INTEGER -> "int64";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp";
            case DATE -> "date";
            default -> "string";
        };
    }

    /** Letters, digits and '_' only; a clash (a.b and a_b) gets a numbered suffix. */
    private static String uniqueName(String path, Set<String> taken) {
        String base = path.replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "_" + base;
        }
        if (base.startsWith("_") && (base.equals("_topic") || base.equals("_partition") || base.equals("_offset")
                || base.equals("_timestamp"))) {
            base = "field" + base;
        }
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
