package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.task.TaskContext;

/**
 * How task types notice that the executor gave up on an attempt (timeout, cancelled run): it sets the
 * context's flag and interrupts the worker thread. Types check between steps (statements, requests,
 * tables); those that block for long make the wait itself stoppable.
 */
final class Cancellation {

    private Cancellation() {
    }

    /** Throws when the attempt was stopped; called between statements, requests and tables. */
    static void check(TaskContext context, String before) {
        if (context.cancelled()) {
            throw stopped(before);
        }
    }

    static FerryException stopped(String before) {
        return new FerryException("stopped before " + before + ": the task timed out or its run was cancelled");
    }
}
