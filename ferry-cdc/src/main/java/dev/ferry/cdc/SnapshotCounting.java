package dev.ferry.cdc;

import dev.ferry.sync.SyncListener;
import dev.ferry.sync.TableReport;

/** Adds what a snapshot into the live targets loaded and dead-lettered to the pipeline's counts. */
class SnapshotCounting implements SyncListener {

    private final ChangeCounts counts;

    SnapshotCounting(ChangeCounts counts) {
        this.counts = counts;
    }

    @Override
    public void tableFinished(TableReport report) {
        counts.loaded(report.table(), report.rows(), report.deadLetters());
    }
}
