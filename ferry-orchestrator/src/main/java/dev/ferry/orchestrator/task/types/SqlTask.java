package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TemplateQuoting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code type: sql}: ClickHouse statements on a named connection, one after the other, each logged with
 * its duration. With {@code query: true} the last statement is a SELECT whose first row becomes the output,
 * so later tasks can use what it found ({@code {{ tasks.<id>.value }}}).
 */
public final class SqlTask implements TaskType<SqlSettings> {

    /** Rows of a query's result written to the task log; enough for a summary, not a dump. */
    static final int LOGGED_ROWS = 20;

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public Set<String> fields() {
        return Set.of("connection", "sql", "file", "query");
    }

    @Override
    public Map<String, TemplateQuoting> quotedFields() {
        return Map.of("sql", TemplateQuoting.SQL);
    }

    @Override
    public SqlSettings parse(YamlMap task) {
        String connection = YamlFields.required(task, "connection");
        boolean query = task.bool("query", false);
        if (YamlFields.bothSet(task, "sql", "file")) {
            return null;
        }
        if (!task.has("sql") && !task.has("file")) {
            task.problems().add(task.node(), task.field("sql"), "set sql: (statements, separated by ;) or file:"
                    + " (a .sql script)");
            return null;
        }
        if (task.has("file")) {
            Path file = task.scalar("file").map(value -> scriptPath(value, task)).orElse(null);
            return connection == null || file == null ? null : new SqlSettings(connection, List.of(), file, query);
        }
        List<String> statements = new ArrayList<>();
        for (String script : YamlFields.textOrList(task, "sql")) {
            try {
                statements.addAll(SqlStatements.split(script));
            } catch (IllegalArgumentException unterminated) {
                task.problems().add(task.value("sql").orElseThrow(), task.field("sql"), unterminated.getMessage());
                return null;
            }
        }
        if (statements.isEmpty()) {
            task.problems().add(task.value("sql").orElse(task.node()), task.field("sql"), "holds no statement");
            return null;
        }
        return connection == null ? null : new SqlSettings(connection, statements, null, query);
    }

    /** Next to the DAG file when it is there; otherwise kept relative, for the work folder at run time. */
    private static Path scriptPath(Scalar value, YamlMap task) {
        Path path;
        try {
            path = Path.of(value.text().trim());
        } catch (InvalidPathException invalid) {
            value.report("not a file path: " + invalid.getReason());
            return null;
        }
        if (path.isAbsolute()) {
            return path;
        }
        Path nextToDag = YamlFields.dagFolder(task).resolve(path).normalize();
        return Files.exists(nextToDag) ? nextToDag : path;
    }

    @Override
    public Map<String, Object> run(SqlSettings settings, TaskContext context) throws IOException {
        List<String> statements = settings.file() == null ? settings.statements() : readScript(settings.file(),
                context);
        int total = statements.size();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("statements", total);
        long written = 0;
        boolean writtenKnown = true;
        try (ClickHouseSession session = ClickHouseSession.open(context, settings.connection(), name())) {
            for (int i = 0; i < total; i++) {
                String label = "statement " + (i + 1) + " of " + total;
                Cancellation.check(context, label);
                String sql = context.render(statements.get(i), TemplateQuoting.SQL);
                context.log().info(label + ": " + oneLine(sql, 500));
                long started = System.nanoTime();
                try {
                    if (settings.query() && i == total - 1) {
                        QueryResult result = session.query(sql, LOGGED_ROWS);
                        logResult(context, result, started);
                        output.put("rows", result.rowCount());
                        output.put("value", result.value());
                        output.put("first_row", result.firstRow());
                    } else {
                        long rows = session.execute(sql);
                        writtenKnown &= rows >= 0;
                        written += Math.max(rows, 0);
                        context.log().info("  done in " + seconds(started) + (rows >= 0 ? ", " + rows
                                + " rows written" : ""));
                    }
                } catch (FerryException e) {
                    throw new FerryException(label + " failed: " + e.getMessage(), e);
                }
            }
        }
        if (!settings.query() && writtenKnown) {
            output.put("written_rows", written);
        }
        return output;
    }

    private static List<String> readScript(Path file, TaskContext context) throws IOException {
        Path path = file.isAbsolute() ? file : context.workDir().resolve(file).normalize();
        if (!Files.isRegularFile(path)) {
            throw new FerryException("SQL file " + file + " not found" + (file.isAbsolute() ? ""
                    : " next to the DAG file or in the work folder " + context.workDir()));
        }
        List<String> statements;
        try {
            statements = SqlStatements.split(Files.readString(path));
        } catch (IllegalArgumentException unterminated) {
            throw new FerryException("SQL file " + path + ": " + unterminated.getMessage());
        }
        if (statements.isEmpty()) {
            throw new FerryException("SQL file " + path + " holds no statement");
        }
        context.log().info("script " + path + ": " + statements.size() + " statements");
        return statements;
    }

    private static void logResult(TaskContext context, QueryResult result, long started) {
        context.log().info("  " + result.rowCount() + " rows in " + seconds(started)
                + (result.rowCount() > result.rows().size() ? "; the first " + result.rows().size() + ":" : ":"));
        if (!result.columns().isEmpty()) {
            context.log().info("  " + String.join(" | ", result.columns()));
        }
        for (List<String> row : result.rows()) {
            context.log().info("  " + row.stream().map(value -> value == null ? "NULL" : value)
                    .collect(Collectors.joining(" | ")));
        }
    }

    /** A statement as one log line; whole-line comments are left out, since on one line they would hide the rest. */
    static String oneLine(String sql, int max) {
        String line = sql.lines().filter(text -> !text.strip().startsWith("--")).collect(Collectors.joining(" "))
                .strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
