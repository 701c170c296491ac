package dev.ferry.orchestrator.task.types;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One assertion of a {@code validate} task: a query and what it must return.
 *
 * @param sql    one SELECT, without FORMAT; may hold {@code {{ ... }}} references
 * @param expect the expectation as written; may hold references too (compare with an earlier task's
 *               output), and is then read again once they are rendered
 */
public record SqlCheck(String name, String sql, String expect) {

    public SqlCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expect, "expect");
    }

    /** Checks the expectation's syntax when the DAG is read; references stand in as a number there. */
    static void checkSyntax(String expect) {
        Expectation.parse(expect.replaceAll("\\{\\{[^}]*}}", "0"));
    }

    /** @throws IllegalArgumentException when a rendered reference made the expectation invalid */
    Expectation expectation(UnaryOperator<String> render) {
        return Expectation.parse(expect.contains("{{") ? render.apply(expect) : expect);
    }
}
