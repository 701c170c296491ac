package dev.ferry.cli.sync;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.sync.DeadLetterVerdict;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncOptions;
import dev.ferry.sync.SyncReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry sync}: snapshot or incremental load of pipelines into ClickHouse. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Copy source tables into ClickHouse: a snapshot, or only new/changed rows in incremental mode. "
                + "Exit 0 on success, 1 on an error, 5 when a table's dead letters exceed its max_dead_letters.")
public final class SyncCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Only this source table (schema.table).")
    String table;

    @Option(names = "--full", description = "Reload from scratch instead of resuming or continuing incrementally.")
    boolean full;

    @Override
    public Integer call() {
        FerryConfig config = options.load();
        List<SyncReport> reports = new ArrayList<>();
        for (PipelineConfig pipeline : options.pipelines(config,
                java.util.Set.of(dev.ferry.core.config.SyncMode.SNAPSHOT, dev.ferry.core.config.SyncMode.INCREMENTAL))) {
            System.out.println("pipeline " + pipeline.name() + ": " + pipeline.mode().name().toLowerCase() + " from "
                    + pipeline.source().connection() + " to " + pipeline.target().connection() + "/"
                    + pipeline.target().database());
            try (ProgressView progress = new ProgressView(System.out, ProgressView.isTerminal())) {
                reports.add(new PipelineSync(config, pipeline).run(new SyncOptions(table, full), progress));
            }
        }
        SyncCommandSummary.print(reports);
        // everything was loaded; too many rows that could not be are still a failed run
        Optional<String> deadLetters = DeadLetterVerdict.of(reports);
        deadLetters.ifPresent(message -> System.err.println("ferry: " + message));
        return deadLetters.isPresent() ? ExitCodes.DEAD_LETTERS : 0;
    }
}
