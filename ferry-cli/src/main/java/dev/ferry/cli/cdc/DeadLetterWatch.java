package dev.ferry.cli.cdc;

import dev.ferry.cdc.ChangeCounts;
import dev.ferry.core.config.DeadLetterLimit;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.schema.TableId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a running CDC pipeline's dead letters per table with the table's {@code max_dead_letters} (as
 * {@code ferry sync} does at the end of a run), so that {@code ferry cdc} says loudly, once per table, when a
 * table goes over its limit. The stream goes on: stopping it would hold back every other change. The status loop
 * and the shutdown hook both ask, hence the locking.
 */
final class DeadLetterWatch {

    private final PipelineConfig pipeline;
    private final Set<String> over = new LinkedHashSet<>();

    DeadLetterWatch(PipelineConfig pipeline) {
        this.pipeline = pipeline;
    }

    /** Warning lines for the tables that went over their limit since the last call. */
    synchronized List<String> newlyOver(ChangeCounts counts) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, ChangeCounts.TableCounts> e : counts.table().entrySet()) {
            ChangeCounts.TableCounts t = e.getValue();
            DeadLetterLimit limit = pipeline.rulesFor(TableId.parse(e.getKey(), "")).maxDeadLetters();
            if (!over.contains(e.getKey()) && limit.exceededBy(t.deadLetters(), t.rowsRead())) {
                over.add(e.getKey());
                lines.add(String.format("WARNING: %s has %,d dead letters of %,d rows read, over its max_dead_letters "
                        + "%s; the stream goes on. Look at them with SELECT * FROM %s._ferry_dead_letters WHERE "
                        + "source_table = '%s', or raise max_dead_letters for the table to accept them", e.getKey(),
                        t.deadLetters(), t.rowsRead(), limit.describe(), pipeline.target().database(), e.getKey()));
            }
        }
        return lines;
    }

    /** The tables over their limit so far. */
    synchronized Set<String> over() {
        return Set.copyOf(over);
    }
}
