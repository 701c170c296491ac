package dev.ferry.sync;

/**
 * Named points of a sync where the fault-injection tests stop the process as {@code kill -9} would: with
 * {@code FERRY_TEST_HALT_AT=<name>} in its environment, a Ferry process halts (exit 137, no shutdown hooks,
 * nothing flushed) the first time it reaches that point. Some points, such as the moment between two
 * statements of the swap, are too short to hit with a signal from outside. Tests that run Ferry in their own
 * JVM set a {@link #hook} instead, to cut a server at such a point. Unset, this is one string comparison and one
 * null check.
 */
public final class FaultPoint {

    public static final String ENV = "FERRY_TEST_HALT_AT";
    private static final String HALT_AT = System.getenv(ENV);
    private static volatile java.util.function.Consumer<String> hook;

    /** A snapshot chunk's batch is in the staging table (the chunk is not done yet). */
    public static final String AFTER_BATCH = "snapshot.after-batch";
    /** All chunks are in the staging table; nothing of the swap has run. */
    public static final String BEFORE_SWAP = "snapshot.before-swap";
    /** The swap recorded its phase and dropped a leftover {@code __ferry_old} table. */
    public static final String SWAP_AFTER_DROP_OLD = "snapshot.swap.after-drop-old";
    /** The staging table is the target now; the old target is still there as {@code __ferry_old}. */
    public static final String SWAP_AFTER_RENAME = "snapshot.swap.after-rename";
    /** The swap is complete; the state does not say so yet. */
    public static final String BEFORE_STATE_DONE = "snapshot.before-state-done";
    /** An incremental run stored its first new high-water mark. */
    public static final String INCREMENTAL_AFTER_MARK = "incremental.after-mark";

    private FaultPoint() {
    }

    /** Called with the name of every point reached, on the thread that reached it; null for none. */
    public static void hook(java.util.function.Consumer<String> onReached) {
        hook = onReached;
    }

    public static void reached(String name) {
        java.util.function.Consumer<String> current = hook;
        if (current != null) {
            current.accept(name);
        }
        if (name.equals(HALT_AT)) {
            System.err.println("halting at fault point " + name + " (" + ENV + ")");
            Runtime.getRuntime().halt(137);
        }
    }
}
