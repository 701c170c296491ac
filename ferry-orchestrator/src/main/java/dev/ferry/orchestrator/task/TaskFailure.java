package dev.ferry.orchestrator.task;

import dev.ferry.core.FerryException;

/** A task that ran and did not succeed for a reason stated for the user (an assertion, an exit code). */
public final class TaskFailure extends FerryException {

    private static final long serialVersionUID = 1L;

    public TaskFailure(String message) {
        super(message);
    }

    public TaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
