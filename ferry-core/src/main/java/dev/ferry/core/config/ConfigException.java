package dev.ferry.core.config;

import dev.ferry.core.FerryException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used, with every problem found in it rather than just the first, so one
 * edit-and-retry round fixes them all. The message has one problem per line.
 */
public final class ConfigException extends FerryException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
