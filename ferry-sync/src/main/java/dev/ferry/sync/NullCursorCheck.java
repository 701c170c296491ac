package dev.ferry.sync;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.NullCursorRule;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies {@code null_cursor} to the rows of an incremental table whose cursor is NULL. No
 * {@code cursor >= mark} reads them, so only a snapshot loads them: that is said at the snapshot that loads
 * them and whenever an incremental run finds more of them than the run before, or, with
 * {@code null_cursor: error}, stops the table.
 */
public final class NullCursorCheck {

    private NullCursorCheck() {
    }

    /**
     * @param count    such rows now
     * @param before   such rows at the table's previous run; null when never counted
     * @param snapshot whether this run is a snapshot (which loads them) rather than an incremental run
     * @return the warning to give, if any
     * @throws FerryException when there are such rows and the rule is {@code error}
     */
    public static Optional<String> check(String pipeline, TableMapping table, NullCursorRule rule, long count,
            Long before, boolean snapshot) {
        String cursor = table.cursorColumn();
        if (count > 0 && rule == NullCursorRule.ERROR) {
            throw new FerryException(String.format(Locale.ROOT, "pipeline '%s': table %s has %s whose cursor %s"
                    + " is NULL, which incremental runs cannot read, and null_cursor is error; give those rows a"
                    + " cursor value (UPDATE … SET %s = … WHERE %s IS NULL) or make the column NOT NULL, or set"
                    + " null_cursor: include_on_full to load them with full snapshots only", pipeline, table.name(),
                    rows(count), cursor, cursor, cursor));
        }
        if (count == 0) {
            return Optional.empty();
        }
        if (snapshot) {
            return Optional.of(String.format(Locale.ROOT, "%s a NULL %s: this snapshot loaded them, but"
                    + " incremental runs cannot read such rows, so later changes to them (and new rows with a NULL"
                    + " %s) reach ClickHouse only with the next full snapshot (ferry sync --full --table %s);"
                    + " give them a cursor value, or set null_cursor: error to stop on them", have(count), cursor,
                    cursor, table.name()));
        }
        if (before != null && count <= before) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s a NULL %s%s: incremental runs cannot read"
                + " them, so those that got a NULL %s since the last full snapshot are missing or stale in ClickHouse;"
                + " load them with ferry sync --full --table %s, give them a cursor value, or set null_cursor: error"
                + " to stop on them", have(count), cursor, before == null ? "" : String.format(Locale.ROOT,
                        " (%,d at the last run)", before), cursor, table.name()));
    }

    private static String rows(long count) {
        return String.format(Locale.ROOT, count == 1 ? "%,d row" : "%,d rows", count);
    }

    private static String have(long count) {
        return rows(count) + (count == 1 ? " has" : " have");
    }
}
