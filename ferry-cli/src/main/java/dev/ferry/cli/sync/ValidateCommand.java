package dev.ferry.cli.sync;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry validate}: value-level comparison of source and ClickHouse. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare source tables with ClickHouse row by row (checksums per key-range chunk). "
                + "Exit 0 only when equal.")
public final class ValidateCommand implements Callable<Integer> {

    static final int NOT_EQUAL = 4;

    @Mixin
    ConfigOptions options;

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Only this source table.")
    String table;

    @Override
    public Integer call() {
        FerryConfig config = options.load();
        List<TableValidation> all = new ArrayList<>();
        for (PipelineConfig pipeline : options.pipelines(config, java.util.Set.of(dev.ferry.core.config.SyncMode.SNAPSHOT,
                dev.ferry.core.config.SyncMode.INCREMENTAL, dev.ferry.core.config.SyncMode.CDC))) {
            System.out.println("pipeline " + pipeline.name() + ":");
            all.addAll(new Validator(config, pipeline).run(table, ValidateCommand::print));
        }
        long unequal = all.stream().filter(t -> !t.equal()).count();
        System.out.println(unequal == 0 ? "all " + all.size() + " tables equal"
                : unequal + " of " + all.size() + " tables differ");
        return unequal == 0 ? 0 : NOT_EQUAL;
    }

    private static void print(TableValidation t) {
        if (t.problem() != null) {
            System.out.printf("  %-30s ERROR  %s%n", t.table(), t.problem());
            return;
        }
        System.out.printf("  %-30s %-6s source %s rows, clickhouse %s rows, %d chunks%s%n", t.table(),
                t.equal() ? "EQUAL" : "DIFF", ProgressView.format(t.sourceRows()),
                ProgressView.format(t.clickhouseRows()), t.chunks(),
                t.unwritable() > 0 ? ", " + t.unwritable() + " unwritable rows (in dead letters)" : "");
        if (!t.equal()) {
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
