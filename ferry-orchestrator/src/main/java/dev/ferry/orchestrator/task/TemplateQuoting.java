package dev.ferry.orchestrator.task;

import java.util.Optional;
import java.util.Set;

/**
 * Where a template is rendered, and so which quoting a string param needs there. A string param is text
 * anyone allowed to trigger a DAG chooses; rendered bare into SQL it is SQL (`1 OR 1=1`), into a shell
 * command it is a command (`$(...)`). Ints, dates and enums cannot carry such syntax and render bare.
 */
public enum TemplateQuoting {
    /** A name, a path, an argument passed without a shell, a header: rendered as is. */
    PLAIN,
    /** A ClickHouse statement: string params need {@code | sql_string} or {@code | sql_identifier}. */
    SQL,
    /** A bash command line: string params need {@code | shell} (or the FERRY_PARAM_ variable). */
    SHELL;

    /**
     * What is wrong with a reference here, if anything.
     *
     * @param stringParams the params declared as strings
     */
    public Optional<String> problem(Templates.Reference reference, Set<String> stringParams) {
        if (this == PLAIN) {
            return Optional.empty();
        }
        Optional<String> filter = reference.filter();
        if (filter.isPresent()) {
            boolean fits = this == SQL ? filter.get().startsWith("sql_") : filter.get().equals("shell");
            return fits ? Optional.empty() : Optional.of("{{ " + reference.path() + " | " + filter.get() + " }}"
                    + " does not quote for " + (this == SQL ? "SQL; use | sql_string or | sql_identifier"
                            : "the shell; use | shell"));
        }
        String param = reference.param().orElse(null);
        if (param == null || !stringParams.contains(param)) {
            return Optional.empty();
        }
        return Optional.of(this == SQL
                ? "params." + param + " is a string param in SQL; write {{ params." + param + " | sql_string }} for"
                        + " a value or {{ params." + param + " | sql_identifier }} for a name (or declare it int,"
                        + " date or enum)"
                : "params." + param + " is a string param in a shell command; write {{ params." + param
                        + " | shell }} or use \"$" + Templates.variable(param) + "\" (or declare it int, date or"
                        + " enum)");
    }
}
