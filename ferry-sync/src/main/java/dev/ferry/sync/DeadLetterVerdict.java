package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.write.DeadLetterTable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The message that ends a sync whose dead letters exceed {@code max_dead_letters}: for each such table how
 * many rows went where, how to look at them and how to accept them. {@code ferry sync} and the
 * orchestrator's {@code sync} task say the same.
 */
public final class DeadLetterVerdict {

    private DeadLetterVerdict() {
    }

    /** Empty when every table stayed within its limit. */
    public static Optional<String> of(List<SyncReport> reports) {
        List<String> lines = reports.stream().flatMap(report -> report.overDeadLetterLimit().stream()
                .map(table -> line(report.pipeline(), table))).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((lines.size() == 1 ? "a table" : lines.size() + " tables")
                + " sent more rows to the dead letters than max_dead_letters allows (everything else was loaded):\n  "
                + String.join("\n  ", lines)
                + "\nfix the rows at the source or the mapping and sync again, or accept such rows by raising"
                + " max_dead_letters on the table or pipeline (a count such as 100, or a share of the rows read"
                + " such as 1%)");
    }

    private static String line(String pipeline, TableReport table) {
        // the query is meant to be copied: names are quoted as ClickHouse reads them, whatever they hold
        String deadLetters = ClickHouseGateway.quoteIdentifier(table.targetDatabase()) + "."
                + ClickHouseGateway.quoteIdentifier(DeadLetterTable.NAME);
        return String.format(Locale.ROOT, "pipeline %s, table %s: %,d of %,d rows read (%s) are dead letters,"
                        + " limit %s; see them with: SELECT error, count() FROM %s WHERE pipeline = %s AND"
                        + " source_table = %s GROUP BY error",
                pipeline, table.table(), table.deadLetters(), table.rowsRead(), percent(table),
                table.maxDeadLetters().describe(), deadLetters, ClickHouseGateway.quoteString(pipeline),
                ClickHouseGateway.quoteString(table.table()));
    }

    private static String percent(TableReport table) {
        double share = 100.0 * table.deadLetters() / Math.max(1, table.rowsRead());
        return share >= 1 || share == 0 ? String.format(Locale.ROOT, "%.0f%%", share)
                : String.format(Locale.ROOT, "%.2g%%", share);
    }
}
