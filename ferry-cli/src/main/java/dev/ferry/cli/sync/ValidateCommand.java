package dev.ferry.cli.sync;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.TableValidation.State;
import dev.ferry.sync.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry validate}: value-level comparison of source and ClickHouse. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare source tables with ClickHouse row by row (checksums per key-range chunk). "
                + "Exit 0 only when equal; 4 when a table differs; 5 when tables are equal except rows that are "
                + "only in the dead-letter table (unless --accept-dead-letters).")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Only this source table.")
    String table;

    @Option(names = "--accept-dead-letters", description = "Exit 0 when the only difference is rows that cannot be "
            + "written to ClickHouse and are all in the dead-letter table (EQUAL EXCEPT DEAD LETTERS).")
    boolean acceptDeadLetters;

    @Override
    public Integer call() {
        FerryConfig config = options.load();
        List<TableValidation> all = new ArrayList<>();
        for (PipelineConfig pipeline : options.pipelines(config, Set.of(SyncMode.SNAPSHOT, SyncMode.INCREMENTAL,
                SyncMode.CDC))) {
            System.out.println("pipeline " + pipeline.name() + ":");
            all.addAll(new Validator(config, pipeline).run(table, ValidateCommand::print));
        }
        long unequal = all.stream().filter(t -> t.state() == State.DIFF || t.state() == State.ERROR).count();
        List<TableValidation> lettered = all.stream().filter(t -> t.state() == State.EQUAL_EXCEPT_DEAD_LETTERS)
                .toList();
        if (unequal > 0) {
            System.out.println(unequal + " of " + all.size() + " tables differ");
            return ExitCodes.NOT_EQUAL;
        }
        if (lettered.isEmpty()) {
            System.out.println("all " + all.size() + " tables equal");
            return 0;
        }
        long rows = lettered.stream().mapToLong(TableValidation::unwritable).sum();
        System.out.println("all " + all.size() + " tables equal except " + ProgressView.format(rows) + " rows in "
                + lettered.size() + (lettered.size() == 1 ? " table" : " tables") + " that are only dead letters"
                + (acceptDeadLetters ? " (accepted)" : "; they are not in ClickHouse: fix them at the source or the "
                        + "mapping and sync again, or accept them with --accept-dead-letters"));
        return acceptDeadLetters ? 0 : ExitCodes.DEAD_LETTERS;
    }

    private static void print(TableValidation t) {
        if (t.problem() != null) {
            System.out.printf("  %-30s ERROR  %s%n", t.table(), t.problem());
            return;
        }
        System.out.printf("  %-30s %-6s source %s rows, clickhouse %s rows, %d chunks%s%n", t.table(),
                t.state().label(), ProgressView.format(t.sourceRows()), ProgressView.format(t.clickhouseRows()),
                t.chunks(), t.unwritable() > 0 ? ", " + ProgressView.format(t.unwritable())
                        + " rows that cannot be written (dead letters: " + t.deadLetterTable() + ")" : "");
        if (t.state() == State.DIFF) {
            System.out.printf("    %d rows differ; chunks: %s%n", t.mismatchedRows(), String.join("; ", t.badChunks()));
            printKeys("missing in ClickHouse", t.missing());
            printKeys("only in ClickHouse", t.extra());
            printKeys("values differ", t.different());
        }
    }

    private static void printKeys(String label, List<String> keys) {
        if (!keys.isEmpty()) {
            System.out.println("    " + label + ": " + String.join(" | ", keys));
        }
    }
}
