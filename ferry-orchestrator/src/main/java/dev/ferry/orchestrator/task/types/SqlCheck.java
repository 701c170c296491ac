package dev.ferry.orchestrator.task.types;

import java.util.Objects;

/**
 * One assertion of a {@code validate} task: a query and what it must return.
 *
 * @param sql one SELECT, without FORMAT; may hold {@code {{ ... }}} references
 */
public record SqlCheck(String name, String sql, Expectation expect) {

    public SqlCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expect, "expect");
    }
}
