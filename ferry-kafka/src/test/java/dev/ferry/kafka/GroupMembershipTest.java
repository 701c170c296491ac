package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupMembershipTest {

    @TempDir
    Path state;

    @Test
    void workersOfAMachineGetStableNumberedNamesAndARestartTakesTheFreedOne() {
        Properties first = new Properties();
        Properties second = new Properties();
        try (GroupMembership a = GroupMembership.join(state, "events", "g", null, first);
                GroupMembership b = GroupMembership.join(state, "events", "g", null, second)) {
            assertThat(a.instanceId()).startsWith("ferry-events-").endsWith("-0")
                    .isEqualTo(first.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
            assertThat(b.instanceId()).endsWith("-1");
            String name = a.instanceId();
            a.close(); // as a killed process loses its lock
            Properties restarted = new Properties();
            try (GroupMembership again = GroupMembership.join(state, "events", "g", null, restarted)) {
                assertThat(again.instanceId()).isEqualTo(name);
            }
        }
    }

    @Test
    void aGivenWorkerIdIsTheNameAndTheWaitIsExplained() {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
        try (GroupMembership member = GroupMembership.join(state, "events", "g_events", "pod-3", consumer)) {
            assertThat(consumer.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("pod-3");
            assertThat(member.partitionWait()).hasValueSatisfying(line -> assertThat(line).matches(
                    "waiting for partitions for 0 s: consumer group g_events is rebalancing \\(a member that stopped "
                            + "without leaving, e\\.g\\. a killed worker, holds its partitions until its session "
                            + "times out, in at most 30 s\\)"));
            TopicPartition tp = new TopicPartition("t", 0);
            member.assigned(List.of(tp));
            assertThat(member.partitionWait()).isEmpty();
            member.gone(List.of(tp));
            assertThat(member.partitionWait()).isPresent();
        }
    }
}
