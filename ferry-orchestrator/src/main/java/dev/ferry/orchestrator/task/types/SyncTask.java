package dev.ferry.orchestrator.task.types;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.sync.DeadLetterVerdict;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncOptions;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.TableReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: sync}: one run of a snapshot or incremental pipeline of the Ferry config, as
 * {@code ferry sync --pipeline} does it, and failing where that exits non-zero: also when a table sent more
 * rows to the dead letters than its {@code max_dead_letters} allows. CDC and stream pipelines are refused:
 * they run until stopped, as services, and a task must end.
 */
public final class SyncTask implements TaskType<SyncSettings> {

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public Set<String> fields() {
        return Set.of("pipeline", "tables", "full");
    }

    @Override
    public SyncSettings parse(YamlMap task) {
        String pipeline = YamlFields.required(task, "pipeline");
        List<String> tables = YamlFields.textOrList(task, "tables");
        boolean full = task.bool("full", false);
        return pipeline == null ? null : new SyncSettings(pipeline, tables, full);
    }

    @Override
    public Map<String, Object> run(SyncSettings settings, TaskContext context) {
        FerryConfig config = context.requireConfig();
        PipelineConfig pipeline = config.requirePipeline(context.render(settings.pipeline()));
        if (pipeline.mode() == SyncMode.CDC || pipeline.mode() == SyncMode.STREAM) {
            String mode = pipeline.mode().name().toLowerCase(Locale.ROOT);
            throw new TaskFailure("pipeline '" + pipeline.name() + "' is in " + mode + " mode: it runs until stopped,"
                    + " as a service (ferry " + mode + " --config " + config.file() + " --pipeline " + pipeline.name()
                    + "), not as a task that ends; sync tasks take snapshot and incremental pipelines. To check a"
                    + " running cdc pipeline from a DAG, use a validate task with pipeline: " + pipeline.name());
        }
        context.log().info("pipeline " + pipeline.name() + ": " + pipeline.mode().name().toLowerCase(Locale.ROOT)
                + " from " + pipeline.source().connection() + " to " + pipeline.target().connection() + "/"
                + pipeline.target().database() + (settings.full() ? ", full reload" : ""));
        PipelineSync sync = new PipelineSync(config, pipeline);
        SyncProgressLog progress = new SyncProgressLog(context.log());
        List<SyncReport> reports = new ArrayList<>();
        List<String> tables = settings.tables().isEmpty() ? Collections.singletonList(null)
                : settings.tables().stream().map(context::render).toList();
        for (String table : tables) {
            Cancellation.check(context, table == null ? "the sync" : "syncing " + table);
            // the sync reacts to the thread's interrupt itself: it cancels its table workers and throws
            reports.add(sync.run(new SyncOptions(table, settings.full()), progress));
        }
        Map<String, Object> output = output(pipeline.name(), reports, context);
        // as ferry sync's exit code: everything else is loaded, but the task must not pass for a success
        Optional<String> deadLetters = DeadLetterVerdict.of(reports);
        if (deadLetters.isPresent()) {
            throw new TaskFailure(deadLetters.get());
        }
        return output;
    }

    private static Map<String, Object> output(String pipeline, List<SyncReport> reports, TaskContext context) {
        Map<String, Object> rowsPerTable = new LinkedHashMap<>();
        long rows = 0;
        long deadLetters = 0;
        for (SyncReport report : reports) {
            for (TableReport table : report.tables()) {
                rowsPerTable.merge(table.table(), table.rows(), (a, b) -> (Long) a + (Long) b);
            }
            rows += report.rows();
            deadLetters += report.deadLetters();
        }
        context.log().info("pipeline " + pipeline + ": " + rows + " rows in " + rowsPerTable.size() + " tables"
                + (deadLetters > 0 ? ", " + deadLetters + " dead letters" : ""));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("pipeline", pipeline);
        output.put("rows", rows);
        output.put("dead_letters", deadLetters);
        output.put("tables", rowsPerTable);
        return output;
    }
}
