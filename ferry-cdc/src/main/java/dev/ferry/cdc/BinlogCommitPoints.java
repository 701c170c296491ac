package dev.ferry.cdc;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the binlog offsets that are safe to store.
 *
 * <p>Why this exists: Debezium's MySQL connector recognises a transaction's start by MySQL's GTID or BEGIN
 * event, but MariaDB opens transactions with its own GTID event, which that connector ignores. Its offsets then
 * said "restart after the last rows event and skip N rows", and on restart it skipped N rows of the
 * <em>next</em> rows event: changes made while Ferry was down were lost (seen in CdcIT, when MariaDB was read
 * through the MySQL connector). MariaDB sources are now read by Debezium's MariaDB connector, but offsets that
 * count events and rows to skip stay fragile (a statement touching a table the pipeline does not capture).
 *
 * <p>So Ferry stores only restart points it knows to be sound: the position right after a rows event whose
 * rows were all applied, when the next event there is not another rows event (which would need the
 * table-map event before it). Ferry learns both from the next change it sees: it comes from a different
 * event, and not from the event at that position. Rows are never skipped on restart; whatever is replayed
 * lands again with the same {@code _version}, which ReplacingMergeTree collapses.
 */
final class BinlogCommitPoints {

    private Map<String, ?> pendingOffset;
    private String pendingEventFile;
    private long pendingEventPos;

    /**
     * Offers a streamed change in log order.
     *
     * @param eventFile binlog file of the change's rows event ({@code source.file})
     * @param eventPos  position of the change's rows event ({@code source.pos})
     * @param offset    the offsets Debezium attached to the change
     * @return offsets now known to be a sound restart point, or null
     */
    Map<String, Object> offer(String eventFile, long eventPos, Map<String, ?> offset) {
        Map<String, Object> safe = null;
        if (pendingOffset != null && !sameEvent(eventFile, eventPos) && !atRestartPoint(eventFile, eventPos)) {
            safe = restartAt(pendingOffset);
        }
        pendingOffset = offset;
        pendingEventFile = eventFile;
        pendingEventPos = eventPos;
        return safe;
    }

    private boolean sameEvent(String file, long pos) {
        return file.equals(pendingEventFile) && pos == pendingEventPos;
    }

    private boolean atRestartPoint(String file, long pos) {
        return file.equals(pendingOffset.get("file")) && Objects.equals(pos, number(pendingOffset.get("pos")));
    }

    /** The offsets without the counts of events and rows to skip. */
    static Map<String, Object> restartAt(Map<String, ?> offset) {
        Map<String, Object> clean = new HashMap<>(offset);
        clean.remove("row");
        clean.remove("event");
        return clean;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
