package dev.ferry.cli.sync;

/**
 * Exit codes of {@code ferry sync} and {@code ferry validate} beyond 0 (success) and 1 (an error stopped the
 * command), so scripts and schedulers can tell them apart. README's sync and validate sections list them.
 */
final class ExitCodes {

    /** {@code ferry validate}: a table differs from its source (or could not be compared). */
    static final int NOT_EQUAL = 4;
    /**
     * {@code ferry sync}: a table produced more dead letters than its {@code max_dead_letters}; {@code ferry
     * validate}: tables are equal except rows that are only dead letters, and {@code --accept-dead-letters}
     * was not given.
     */
    static final int DEAD_LETTERS = 5;

    private ExitCodes() {
    }
}
