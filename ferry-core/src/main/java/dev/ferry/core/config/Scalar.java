package dev.ferry.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One single value of the config together with where it stands, so whoever interprets it can report a bad
 * value at its line and field. The conversions report and return null on bad input, letting parsing go on.
 */
public record Scalar(String text, Node node, String field, Problems problems) {

    /** Empty when the value is not set; reports (and is empty) when it is a list or mapping. */
    public static Optional<Scalar> of(Node node, String field, Problems problems) {
        if (YamlNodes.isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(node, field, "expected a single value, got " + YamlNodes.kind(node));
            return Optional.empty();
        }
        return Optional.of(new Scalar(scalar.getValue(), node, field, problems));
    }

    public void report(String message) {
        problems.add(node, field, message);
    }

    /** Underscores are allowed as digit separators, as in YAML 1.1: {@code 100_000}. */
    public Integer toInt(int min, int max) {
        try {
            int value = Integer.parseInt(text.trim().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, together with out-of-range values
        }
        report(max == Integer.MAX_VALUE
                ? "expected a whole number of at least " + min + ", got '" + text + "'"
                : "expected a whole number from " + min + " to " + max + ", got '" + text + "'");
        return null;
    }

    public Boolean toBoolean() {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                report("expected true or false, got '" + text + "'");
                yield null;
            }
        };
    }

    public Duration toDuration(boolean allowZero) {
        Optional<Duration> duration = Durations.parse(text).filter(value -> allowZero || !value.isZero());
        if (duration.isEmpty()) {
            report((allowZero ? Durations.EXPECTED : Durations.EXPECTED + " (more than zero)") + ", got '" + text + "'");
        }
        return duration.orElse(null);
    }

    /** A positive size. */
    public Long toSize() {
        OptionalLong size = Sizes.parse(text);
        if (size.isEmpty() || size.getAsLong() == 0) {
            report(Sizes.EXPECTED + " (more than zero), got '" + text + "'");
            return null;
        }
        return size.getAsLong();
    }
}
