package dev.ferry.orchestrator.dag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One declared run parameter.
 *
 * @param fallback the default; empty means a trigger must give a value
 * @param pattern  for strings: what the whole value must match
 * @param values   for enums: the allowed values
 */
public record ParamSpec(String name, ParamType type, Optional<Object> fallback, Optional<Pattern> pattern,
                        List<String> values, String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(pattern, "pattern");
        values = List.copyOf(values);
    }

    /**
     * The value in its canonical form.
     *
     * @return a problem naming the param, the value and the rule it breaks, or the value
     */
    public Result check(Object value) {
        Optional<Object> converted = value == null ? Optional.empty() : type.convert(value);
        if (converted.isPresent() && type == ParamType.STRING && pattern.isPresent()
                && !pattern.get().matcher((String) converted.get()).matches()) {
            converted = Optional.empty();
        }
        if (converted.isPresent() && type == ParamType.ENUM && !values.contains((String) converted.get())) {
            converted = Optional.empty();
        }
        return converted.map(Result::ok).orElseGet(() -> Result.problem("param " + name + ": '" + value
                + "' is not " + rule()));
    }

    /** The rule in words: "an int (a whole number such as 42)", "a string matching [a-z_]+". */
    public String rule() {
        return switch (type) {
            case STRING -> pattern.map(p -> "a string matching " + p.pattern()).orElse("a string");
            case ENUM -> "one of " + String.join(", ", values);
            case INT -> "an int (" + type.rule() + ")";
            case DATE -> "a date (" + type.rule() + ")";
        };
    }

    /** A checked value, or what is wrong with it. */
    public record Result(Optional<Object> value, Optional<String> problem) {
        static Result ok(Object value) {
            return new Result(Optional.of(value), Optional.empty());
        }

        static Result problem(String problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }
}
