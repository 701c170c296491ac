package dev.ferry.sync.validate;

import java.util.List;

/**
 * Result of comparing one table.
 *
 * @param chunks           key-range chunks compared
 * @param badChunks        descriptions of chunks whose checksums differ (and of unwritable rows no dead letter holds)
 * @param missing          keys in the source but not in ClickHouse (first few), including unwritable rows that
 *                         are not in the dead-letter table either
 * @param extra            keys in ClickHouse but not in the source (first few)
 * @param different        keys whose values differ (first few)
 * @param mismatchedRows   total rows missing, extra or different
 * @param unwritable       source rows that cannot be written; those in the dead-letter table are the
 *                         difference {@link State#EQUAL_EXCEPT_DEAD_LETTERS} admits, the others count as missing
 * @param deadLetterTable  where the dead letters of the table are ({@code <database>._ferry_dead_letters})
 */
public record TableValidation(String table, long sourceRows, long clickhouseRows, int chunks, List<String> badChunks,
        List<String> missing, List<String> extra, List<String> different, long mismatchedRows, long unwritable,
        String deadLetterTable, String problem) {

    /** How a table compares. */
    public enum State {
        /** ClickHouse holds exactly the source's rows. */
        EQUAL("EQUAL"),
        /**
         * Every source row is in ClickHouse except rows that cannot be written there, and those are all in the
         * dead-letter table: nothing was lost silently, but ClickHouse does not equal the source.
         */
        EQUAL_EXCEPT_DEAD_LETTERS("EQUAL EXCEPT DEAD LETTERS"),
        DIFF("DIFF"),
        /** The comparison could not be made ({@link #problem()}). */
        ERROR("ERROR");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public State state() {
        if (problem != null) {
            return State.ERROR;
        }
        if (mismatchedRows > 0) {
            return State.DIFF;
        }
        return unwritable > 0 ? State.EQUAL_EXCEPT_DEAD_LETTERS : State.EQUAL;
    }

    /** ClickHouse equals the source row for row: no difference, no dead letters. */
    public boolean equal() {
        return state() == State.EQUAL;
    }

    /** Equal, or equal except rows that are all in the dead-letter table when those are accepted. */
    public boolean passes(boolean acceptDeadLetters) {
        return equal() || acceptDeadLetters && state() == State.EQUAL_EXCEPT_DEAD_LETTERS;
    }
}
