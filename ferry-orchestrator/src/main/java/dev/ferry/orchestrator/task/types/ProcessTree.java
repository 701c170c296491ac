package dev.ferry.orchestrator.task.types;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process together with everything it started. Destroying only the process would leave its
 * children running (a {@code bash -c} script's {@code sleep}, a pipeline's stages), reparented to init
 * and holding the task's output pipes.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace}, then kills
     * whatever is left (SIGKILL).
     *
     * @return how many processes there were, the process itself included
     */
    static int destroy(Process process, Duration grace) {
        // the descendants are listed before anything dies: once the parent is gone its children are
        // reparented and no longer show up as its descendants
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().toList());
        // the parent first, so a script cannot start its next command when the current one ends
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
        return tree.size();
    }
}
