package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TemplateQuoting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code type: validate}: assertions that fail the task when data is not as expected. Either Ferry's
 * comparison of a pipeline's source tables with ClickHouse, or SQL checks (a query and what it must
 * return), or both. Every check runs even after one failed, so one run reports all that is wrong.
 */
public final class ValidateTask implements TaskType<ValidateSettings> {

    private static final List<String> CHECK_FIELDS = List.of("name", "sql", "expect", "rows");
    /** Rows of a check's result kept for the log when it fails. */
    private static final int SAMPLE_ROWS = 5;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public Set<String> fields() {
        return Set.of("pipeline", "tables", "accept_dead_letters", "connection", "checks");
    }

    @Override
    public Map<String, TemplateQuoting> quotedFields() {
        return Map.of("checks", TemplateQuoting.SQL);
    }

    @Override
    public ValidateSettings parse(YamlMap task) {
        int before = task.problems().count();
        String pipeline = task.has("pipeline") ? YamlFields.required(task, "pipeline") : null;
        List<String> tables = task.strings("tables");
        if (!tables.isEmpty() && !task.has("pipeline")) {
            task.problems().add(task.value("tables").orElseThrow(), task.field("tables"),
                    "tables choose tables of a pipeline; set pipeline: too");
        }
        boolean acceptDeadLetters = task.bool("accept_dead_letters", false);
        if (task.has("accept_dead_letters") && !task.has("pipeline")) {
            task.problems().add(task.value("accept_dead_letters").orElseThrow(), task.field("accept_dead_letters"),
                    "accept_dead_letters is about a pipeline's tables; set pipeline: too");
        }
        List<SqlCheck> checks = checks(task);
        String connection = null;
        if (task.has("checks")) {
            connection = YamlFields.required(task, "connection");
        } else if (task.has("connection")) {
            task.problems().add(task.value("connection").orElseThrow(), task.field("connection"),
                    "connection is where checks run; add checks: or remove it");
        }
        if (!task.has("pipeline") && !task.has("checks")) {
            task.problems().add(task.node(), task.field("checks"), "a validate task needs pipeline: (compare a"
                    + " pipeline's tables with their sources) or checks: (SQL assertions), or both");
        }
        return task.problems().count() > before ? null
                : new ValidateSettings(pipeline, tables, connection, checks, acceptDeadLetters);
    }

    private static List<SqlCheck> checks(YamlMap task) {
        List<Node> items = task.list("checks");
        if (items.isEmpty() && task.value("checks").orElse(null) instanceof SequenceNode) {
            task.problems().add(task.value("checks").orElseThrow(), task.field("checks"), "the list is empty");
        }
        List<SqlCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMap> item = YamlMap.of(items.get(i), task.field("checks") + "[" + i + "]", task.problems());
            if (item.isEmpty()) {
                continue;
            }
            YamlMap check = item.get();
            check.rejectUnknown(CHECK_FIELDS);
            String name = YamlFields.required(check, "name");
            if (name != null && !names.add(name)) {
                check.scalar("name").ifPresent(value -> value.report("duplicate check name '" + name + "'"));
            }
            String sql = query(check);
            String expect = expectation(check);
            if (name != null && sql != null && expect != null) {
                checks.add(new SqlCheck(name, sql, expect));
            }
        }
        return checks;
    }

    /** The check's one query, without a trailing semicolon. */
    private static String query(YamlMap check) {
        Optional<Scalar> value = check.requiredScalar("sql");
        if (value.isEmpty()) {
            return null;
        }
        List<String> statements;
        try {
            statements = SqlStatements.split(value.get().text());
        } catch (IllegalArgumentException unterminated) {
            value.get().report(unterminated.getMessage());
            return null;
        }
        if (statements.size() != 1) {
            value.get().report("a check runs one query; found " + statements.size() + " statements");
            return null;
        }
        return statements.get(0);
    }

    /** The expectation as written ({@code rows: N} as {@code rows = N}); null when reported. */
    private static String expectation(YamlMap check) {
        if (YamlFields.bothSet(check, "expect", "rows")) {
            return null;
        }
        if (check.has("rows")) {
            int rows = check.integer("rows", -1, 0, Integer.MAX_VALUE);
            return rows < 0 ? null : Expectation.rows(rows).text();
        }
        Optional<Scalar> expect = check.requiredScalar("expect");
        if (expect.isEmpty()) {
            return null;
        }
        try {
            SqlCheck.checkSyntax(expect.get().text());
            return expect.get().text().strip();
        } catch (IllegalArgumentException invalid) {
            expect.get().report(invalid.getMessage() + "; in YAML quote those starting with > or <");
            return null;
        }
    }

    @Override
    public Map<String, Object> run(ValidateSettings settings, TaskContext context) {
        Map<String, Object> output = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        if (settings.pipeline() != null) {
            PipelineComparison comparison = PipelineComparison.run(context, context.render(settings.pipeline()),
                    settings.tables().stream().map(context::render).toList(), settings.acceptDeadLetters());
            output.put("tables_compared", comparison.compared());
            output.put("tables_equal", comparison.equal());
            output.put("source_rows", comparison.sourceRows());
            output.put("dead_letter_rows", comparison.deadLetterRows());
            comparison.differences().forEach(difference -> failures.add("pipeline " + settings.pipeline() + ": table "
                    + difference));
        }
        if (!settings.checks().isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> failedChecks = new ArrayList<>();
            try (ClickHouseSession session = ClickHouseSession.open(context, settings.connection(), name())) {
                for (SqlCheck check : settings.checks()) {
                    Cancellation.check(context, "check '" + check.name() + "'");
                    runCheck(check, session, context, values).ifPresent(failedChecks::add);
                }
            }
            output.put("passed", settings.checks().size() - failedChecks.size());
            output.put("failed", failedChecks.size());
            output.put("checks", values);
            failures.addAll(failedChecks);
        }
        if (!failures.isEmpty()) {
            throw new TaskFailure(failures.size() == 1 ? failures.get(0)
                    : failures.size() + " assertions failed:\n- " + String.join("\n- ", failures));
        }
        return output;
    }

    /** Runs one check, logs and records its value; returns the failure message when it did not hold. */
    private static Optional<String> runCheck(SqlCheck check, ClickHouseSession session, TaskContext context,
            Map<String, Object> values) {
        String sql = context.render(check.sql(), TemplateQuoting.SQL);
        Expectation expect;
        try {
            expect = check.expectation(context::render);
        } catch (IllegalArgumentException invalid) {
            throw new FerryException("check '" + check.name() + "': expect: " + invalid.getMessage());
        }
        QueryResult result;
        try {
            result = session.query(sql, SAMPLE_ROWS);
        } catch (FerryException e) {
            if (context.cancelled()) {
                throw e; // stopped, not a failed check
            }
            String failure = "check '" + check.name() + "': the query failed: " + e.getMessage() + "; query: "
                    + SqlTask.oneLine(sql, 300);
            context.log().error(failure);
            values.put(check.name(), null);
            return Optional.of(failure);
        }
        Expectation.Verdict verdict = expect.test(result);
        values.put(check.name(), verdict.actual());
        if (verdict.passed()) {
            context.log().info("check '" + check.name() + "' passed: " + verdict.actual() + " (expected "
                    + expect + ")");
            return Optional.empty();
        }
        String failure = "check '" + check.name() + "' failed: " + SqlTask.oneLine(sql, 300) + " returned "
                + verdict.actual() + ", expected " + expect;
        context.log().error(failure);
        if (expect.subject() == Expectation.Subject.ROWS && !result.rows().isEmpty()) {
            context.log().error("  " + String.join(" | ", result.columns()));
            result.rows().forEach(row -> context.log().error("  " + String.join(" | ",
                    row.stream().map(v -> v == null ? "NULL" : v).toList())));
        }
        return Optional.of(failure);
    }
}
