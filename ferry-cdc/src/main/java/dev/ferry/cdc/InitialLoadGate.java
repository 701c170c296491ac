package dev.ferry.cdc;

import java.util.concurrent.CountDownLatch;

/**
 * Lets the change applier wait for the initial snapshot where order matters: a TRUNCATE must not empty a
 * target that the snapshot then refills with rows it read before the TRUNCATE. Opens when the snapshot is
 * done, failed, or was never needed.
 */
final class InitialLoadGate {

    private final CountDownLatch open = new CountDownLatch(1);

    /** Nothing to wait for from now on. */
    void open() {
        open.countDown();
    }

    /** Waits until the initial snapshot no longer writes into any target. */
    void awaitSnapshot() throws InterruptedException {
        open.await();
    }
}
