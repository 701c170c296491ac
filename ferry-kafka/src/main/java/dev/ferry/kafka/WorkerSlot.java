package dev.ferry.kafka;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stream worker's number on this machine: the lowest {@code n} whose lock file
 * ({@code <state_dir>/stream/<pipeline>.worker-<n>.lock}) no running worker holds. A worker killed with
 * SIGKILL loses its lock with its process, so its restart gets the same number again, and with it the same
 * Kafka {@code group.instance.id}: the broker hands the restarted worker its partitions at once instead of
 * waiting for the dead member's session to time out (static membership, KIP-345).
 */
final class WorkerSlot implements AutoCloseable {

    private static final int MAX_SLOTS = 1024;

    private final int number;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkerSlot(int number, FileChannel channel, FileLock lock) {
        this.number = number;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lowest free slot of {@code pipeline} under {@code dir}. */
    static WorkerSlot take(Path dir, String pipeline) throws IOException {
        Files.createDirectories(dir);
        for (int n = 0; n < MAX_SLOTS; n++) {
            FileChannel channel = FileChannel.open(dir.resolve(pipeline + ".worker-" + n + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock != null) {
                return new WorkerSlot(n, channel, lock);
            }
            channel.close();
        }
        throw new IOException(MAX_SLOTS + " workers of pipeline " + pipeline + " already run from " + dir);
    }

    int number() {
        return number;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel, and with the process at the latest
        }
    }
}
