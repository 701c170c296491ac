package dev.ferry.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry stream} killed with SIGKILL at many points of a batch — after the dead letters were written,
 * after the raw table, after the parsed rows (before the commit), while ClickHouse is unreachable, while it
 * rejoins its group — and restarted each time: every table ends with each message exactly once, in plain
 * {@code count()} (the tables are MergeTree: no FINAL hides anything). The restarted worker takes its
 * partitions back at once (static membership), and a clean stop with SIGTERM exits 0.
 */
@FerryIntegrationTest
class StreamFaultsIT {

    /** A bad message (dead letter) every this many. */
    private static final int BAD_EVERY = 25;

    @TempDir
    Path dir;

    private int produced;
    private int bad;

    @Test
    void killedAtManyPointsOfABatchEveryMessageOnceInEveryTable(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "faults_" + db.name();
        createTopic(bootstrap, topic, 3);
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy chProxy = new TcpProxy(ch.host(), ch.port());
                FerryProcesses ferry = new FerryProcesses(dir);
                KafkaProducer<String, String> producer = producer(bootstrap);
                ClickHouseGateway gateway = new ClickHouseGateway(
                        new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            Path config = writeConfig(db, bootstrap, topic, "http://127.0.0.1:" + chProxy.port(), "");
            Counts counts = new Counts(gateway);

            // 1. killed as soon as it says it consumes: while joining the group, before any batch
            produce(producer, topic, 1500);
            FerryProcesses.Run run = ferry.start("stream", "stream", "--config", config.toString(), "--status-every", "1");
            FerryProcesses.await("the worker to start", Duration.ofSeconds(60), run,
                    () -> Files.readString(run.log()).contains("in group"));
            run.kill();

            // 2.-4. killed right after one table of a batch took it: dead letters, raw messages, parsed rows
            for (String table : List.of("_ferry_stream_dead_letters", "events_raw", "events")) {
                long before = counts.of(table);
                produce(producer, topic, 1500);
                long started = System.nanoTime();
                FerryProcesses.Run next = ferry.start("stream", "stream", "--config", config.toString(),
                        "--status-every", "1");
                FerryProcesses.await(table + " to grow", Duration.ofSeconds(60), next, () -> counts.of(table) > before);
                next.kill();
                // the killed worker's restart keeps its group.instance.id: the broker gives its partitions back at
                // once instead of after the dead member's 45 s session timeout
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("restart to first write; output:%n%s",
                        next.output()).isLessThan(Duration.ofSeconds(30));
            }

            // 5. ClickHouse unreachable while messages flow, killed while delivery fails
            produce(producer, topic, 500);
            FerryProcesses.Run cut = ferry.start("stream", "stream", "--config", config.toString(), "--status-every", "1");
            long before = counts.of("events");
            FerryProcesses.await("rows", Duration.ofSeconds(60), cut, () -> counts.of("events") > before);
            chProxy.cut();
            produce(producer, topic, 500);
            FerryProcesses.await("delivery failing", Duration.ofSeconds(60), cut,
                    () -> Files.readString(cut.log()).contains("delivery failing"));
            cut.kill();
            chProxy.restore();

            // the last run reads everything; a clean stop with SIGTERM exits 0
            produce(producer, topic, 500);
            FerryProcesses.Run last = ferry.start("stream", "stream", "--config", config.toString(), "--status-every", "1");
            FerryProcesses.await("every message", Duration.ofSeconds(120), last,
                    () -> counts.of("events_raw") == produced && counts.of("events") == produced - bad
                            && counts.of("_ferry_stream_dead_letters") == bad);
            last.stopCleanly();
            assertThat(last.output()).contains("SIGTERM: stopping");

            // exactly once, in plain count(): no message twice in any table
            assertThat(counts.of("events")).isEqualTo(produced - bad);
            assertThat(gateway.queryLong("SELECT uniqExact(id) FROM events")).isEqualTo(produced - bad);
            assertThat(gateway.queryLong("SELECT uniqExact(_partition, _offset) FROM events")).isEqualTo(produced - bad);
            assertThat(counts.of("events_raw")).isEqualTo(produced);
            assertThat(gateway.queryLong("SELECT uniqExact(_partition, _offset) FROM events_raw")).isEqualTo(produced);
            assertThat(counts.of("_ferry_stream_dead_letters")).isEqualTo(bad);
            assertThat(gateway.queryLong("SELECT uniqExact(_partition, _offset) FROM _ferry_stream_dead_letters "
                    + "WHERE pipeline = 'events'")).isEqualTo(bad);
        }
    }

    /**
     * A new worker (another name) joining while a killed member still holds the partitions says what it
     * waits for, then consumes once the dead member's session timed out.
     */
    @Test
    void aWorkerWaitingForAKilledMembersPartitionsSaysWhy(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "waiting_" + db.name();
        createTopic(bootstrap, topic, 2);
        ServerEndpoint ch = db.stack().clickhouse();
        try (FerryProcesses ferry = new FerryProcesses(dir);
                KafkaProducer<String, String> producer = producer(bootstrap);
                ClickHouseGateway gateway = new ClickHouseGateway(
                        new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            // the broker's smallest session (group.min.session.timeout.ms) keeps the test short
            Path config = writeConfig(db, bootstrap, topic, ch.httpUrl(), ", options: {session.timeout.ms: \"6000\"}");
            Counts counts = new Counts(gateway);
            produce(producer, topic, 200);
            FerryProcesses.Run first = ferry.start("a", "stream", "--config", config.toString(), "--status-every", "1",
                    "--worker-id", "worker-a");
            FerryProcesses.await("rows", Duration.ofSeconds(60), first, () -> counts.of("events") > 0);
            first.kill();
            produce(producer, topic, 200);
            FerryProcesses.Run second = ferry.start("b", "stream", "--config", config.toString(), "--status-every",
                    "1", "--worker-id", "worker-b");
            FerryProcesses.await("every message", Duration.ofSeconds(60), second,
                    () -> counts.of("events_raw") == produced);
            assertThat(second.output()).containsPattern("waiting for partitions for \\d+ s: consumer group "
                    + "g_" + topic + " is rebalancing \\(a member that stopped without leaving, e.g. a killed worker, "
                    + "holds its partitions until its session times out, in at most \\d+ s\\)");
            second.stopCleanly();
            assertThat(counts.of("events")).isEqualTo(produced - bad);
        }
    }

    /** Plain count() of a table of the test's ClickHouse database (0 before the worker created it). */
    private record Counts(ClickHouseGateway gateway) {
        long of(String table) {
            try {
                return gateway.queryLong("SELECT count() FROM " + table
                        + (table.startsWith("_ferry") ? " WHERE pipeline = 'events'" : ""));
            } catch (RuntimeException notYet) {
                return 0;
            }
        }
    }

    private void produce(KafkaProducer<String, String> producer, String topic, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            int id = produced++;
            boolean refused = id % BAD_EVERY == 0;
            if (refused) {
                bad++;
            }
            producer.send(new ProducerRecord<>(topic, "k" + id, refused ? "{\"id\": \"not a number " + id + "\"}"
                    : "{\"id\": " + id + ", \"v\": \"m" + id + "\"}"));
        }
        producer.flush();
    }

    private Path writeConfig(TestDatabases db, String bootstrap, String topic, String clickhouseUrl,
            String kafkaOptions) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                state_dir: %s
                connections:
                  kafka: {type: kafka, bootstrap: "%s"%s}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: events
                    mode: stream
                    source:
                      connection: kafka
                      topics: [%s]
                      group: g_%s
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: v, type: string}
                    target: {connection: ch, table: events, raw_table: events_raw}
                    batch: {rows: 300, interval: 200ms}
                """.formatted(dir.resolve("state"), bootstrap, kafkaOptions, clickhouseUrl, db.clickhouse(), ch.user(),
                topic, topic));
        return config;
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        return new KafkaProducer<>(p);
    }
}
