package dev.ferry.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream worker's place in its consumer group: its stable name ({@code group.instance.id}, Kafka's static
 * membership) and which partitions it owns, to say what it waits for while it owns none.
 *
 * <p>Why a stable name: a worker restarted after {@code kill -9} joined as a new member, and the group waited
 * for the killed member's session to time out ({@code session.timeout.ms}, 45 s by default) before it
 * rebalanced: the restart sat at "consumed 0" for 45–75 s without a word. With the same name the broker
 * hands the restarted worker its partitions at once.
 */
final class GroupMembership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);
    /** The Kafka consumer's default {@code session.timeout.ms} (since Kafka 3.0). */
    private static final long DEFAULT_SESSION_TIMEOUT_MS = 45_000;

    private final String group;
    private final String instanceId;
    private final WorkerSlot slot;
    private final long sessionTimeoutMillis;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    /** Since when (epoch ms) this worker has had no partition, or 0 while it has some. */
    private volatile long waitingSince = System.currentTimeMillis();

    private GroupMembership(String group, String instanceId, WorkerSlot slot, long sessionTimeoutMillis) {
        this.group = group;
        this.instanceId = instanceId;
        this.slot = slot;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
    }

    /**
     * The membership of a worker of {@code pipeline}, and its name set in {@code consumer}: {@code workerId}
     * when given, else {@code ferry-<pipeline>-<host>-<installation>-<n>} with the lowest {@code n} whose lock
     * file under {@code <stateDir>/stream} no running worker holds (a killed worker's lock goes with its
     * process, so its restart gets the same name). A {@code group.instance.id} in the connection's options wins.
     */
    static GroupMembership join(Path stateDir, String pipeline, String group, String workerId, Properties consumer) {
        Object session = consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        long sessionMillis = session == null ? DEFAULT_SESSION_TIMEOUT_MS : Long.parseLong(session.toString());
        Object configured = consumer.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (workerId == null && configured != null) {
            return new GroupMembership(group, configured.toString(), null, sessionMillis);
        }
        if (workerId != null) {
            consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, workerId);
            return new GroupMembership(group, workerId, null, sessionMillis);
        }
        Path slots = stateDir.resolve("stream");
        WorkerSlot slot;
        try {
            slot = WorkerSlot.take(slots, pipeline);
        } catch (IOException | RuntimeException e) {
            LOG.warn("pipeline {}: cannot number this worker under {} ({}); it joins its group without a stable name, "
                    + "so a restart waits for the group's session timeout", pipeline, slots, e.getMessage());
            return new GroupMembership(group, null, null, sessionMillis);
        }
        // the state directory tells apart workers of different installations on one machine
        String installation = Integer.toHexString(stateDir.toAbsolutePath().normalize().toString().hashCode());
        String name = "ferry-" + pipeline + "-" + hostName() + "-" + installation + "-" + slot.number();
        consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, name);
        return new GroupMembership(group, name, slot, sessionMillis);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host;
    }

    /** This worker's {@code group.instance.id}, or null without static membership. */
    String instanceId() {
        return instanceId;
    }

    void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        waitingSince = 0;
    }

    void gone(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        if (owned.isEmpty() && waitingSince == 0) {
            waitingSince = System.currentTimeMillis();
        }
    }

    /** What this worker waits for while it owns no partition, in words for the terminal; empty while it owns some. */
    Optional<String> partitionWait() {
        long since = waitingSince;
        if (since == 0) {
            return Optional.empty();
        }
        long waited = System.currentTimeMillis() - since;
        long left = sessionTimeoutMillis - waited;
        if (left > 0) {
            return Optional.of(String.format("waiting for partitions for %d s: consumer group %s is rebalancing (a "
                    + "member that stopped without leaving, e.g. a killed worker, holds its partitions until its "
                    + "session times out, in at most %d s)", waited / 1000, group, (left + 999) / 1000));
        }
        return Optional.of(String.format("no partitions for %d s: consumer group %s gave this worker none (more "
                + "workers than partitions, or the group is still rebalancing%s)", waited / 1000, group,
                instanceId == null ? "" : "; this worker is " + instanceId));
    }

    /** Frees the worker's number; after the consumer left the group, so the next worker may take the name. */
    @Override
    public void close() {
        if (slot != null) {
            slot.close();
        }
    }
}
