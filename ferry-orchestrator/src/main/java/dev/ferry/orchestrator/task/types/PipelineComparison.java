package dev.ferry.orchestrator.task.types;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.TableValidation.State;
import dev.ferry.sync.validate.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline half of a {@code validate} task: Ferry's value-by-value comparison of source tables and
 * their ClickHouse copies (the one {@code ferry validate} runs), logged table by table. A table equal except
 * rows that are all in the dead-letter table fails it, as it makes {@code ferry validate} exit non-zero,
 * unless the task accepts dead letters.
 *
 * @param equal          tables exactly equal
 * @param deadLetterRows source rows that are only in the dead-letter table, over all tables
 * @param differences    one line per table that fails, saying how
 */
record PipelineComparison(int compared, int equal, long sourceRows, long deadLetterRows, List<String> differences) {

    static PipelineComparison run(TaskContext context, String pipelineName, List<String> tables,
            boolean acceptDeadLetters) {
        FerryConfig config = context.requireConfig();
        PipelineConfig pipeline = config.requirePipeline(pipelineName);
        context.log().info("comparing pipeline " + pipeline.name() + " (" + pipeline.source().connection() + " → "
                + pipeline.target().connection() + "/" + pipeline.target().database() + ")"
                + (tables.isEmpty() ? "" : ", tables " + String.join(", ", tables)));
        Validator validator = new Validator(config, pipeline);
        List<TableValidation> results = new ArrayList<>();
        for (String table : tables.isEmpty() ? java.util.Collections.<String>singletonList(null) : tables) {
            Cancellation.check(context, "comparing " + (table == null ? "the pipeline's tables" : table));
            // the comparison reads whole tables and cannot be interrupted mid-table; stop between tables
            results.addAll(validator.run(table, result -> {
                log(context, result, acceptDeadLetters);
                Cancellation.check(context, "comparing the next table");
            }));
        }
        List<String> differences = results.stream().filter(result -> !result.passes(acceptDeadLetters))
                .map(PipelineComparison::describe).toList();
        return new PipelineComparison(results.size(), (int) results.stream().filter(TableValidation::equal).count(),
                results.stream().mapToLong(result -> Math.max(result.sourceRows(), 0)).sum(),
                results.stream().filter(result -> result.state() == State.EQUAL_EXCEPT_DEAD_LETTERS)
                        .mapToLong(TableValidation::unwritable).sum(), differences);
    }

    private static void log(TaskContext context, TableValidation result, boolean acceptDeadLetters) {
        if (result.equal()) {
            context.log().info("  " + result.table() + ": equal, " + result.sourceRows() + " rows in "
                    + result.chunks() + " chunks");
        } else if (result.passes(acceptDeadLetters)) {
            context.log().warn("  " + result.table() + ": equal except dead letters (accepted): " + result.sourceRows()
                    + " rows in " + result.chunks() + " chunks, " + result.unwritable() + " of them only in "
                    + result.deadLetterTable());
        } else {
            context.log().error("  " + describe(result));
        }
    }

    static String describe(TableValidation result) {
        if (result.problem() != null) {
            return result.table() + ": " + result.problem();
        }
        if (result.state() == State.EQUAL_EXCEPT_DEAD_LETTERS) {
            return result.table() + ": equal except dead letters: " + result.unwritable() + " of "
                    + result.sourceRows() + " source rows cannot be written to ClickHouse and are only in "
                    + result.deadLetterTable() + " (fix them at the source or the mapping and sync again, or set"
                    + " accept_dead_letters: true)";
        }
        StringBuilder text = new StringBuilder(result.table()).append(": ").append(result.mismatchedRows())
                .append(" rows differ (source ").append(result.sourceRows()).append(" rows, ClickHouse ")
                .append(result.clickhouseRows()).append(" rows; chunks ").append(String.join("; ", result.badChunks()));
        keys(text, "missing in ClickHouse", result.missing());
        keys(text, "only in ClickHouse", result.extra());
        keys(text, "values differ", result.different());
        return text.append(')').toString();
    }

    private static void keys(StringBuilder text, String label, List<String> keys) {
        if (!keys.isEmpty()) {
            text.append("; ").append(label).append(": ").append(String.join(" | ", keys));
        }
    }
}
