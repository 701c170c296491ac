package dev.ferry.core.config;

/**
 * What an incremental table does with rows whose cursor column is NULL ({@code null_cursor}). No
 * {@code cursor >= mark} condition matches NULL, so such rows can only come with a full snapshot.
 */
public enum NullCursorRule {
    /** Loaded by snapshots (the first run, {@code --full}) only; their count is reported as a warning. */
    INCLUDE_ON_FULL,
    /** Any such row fails the table, so a cursor column that must never be NULL is enforced. */
    ERROR
}
