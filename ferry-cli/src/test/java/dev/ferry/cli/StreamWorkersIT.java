package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ferry stream} processes share a topic's partitions; one is killed with SIGKILL while messages
 * keep coming and later started again. Every message ends in ClickHouse exactly once.
 */
@FerryIntegrationTest
class StreamWorkersIT {

    @TempDir
    Path dir;

    @Test
    void twoWorkersOneKilledAndRestartedEndExactlyOnce(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "workers_" + db.name();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        }
        Path config = writeConfig(db, bootstrap, topic);
        List<Process> processes = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        ServerEndpoint ch = db.stack().clickhouse();
        try (KafkaProducer<String, String> producer = producer(bootstrap);
                ClickHouseGateway gateway = new ClickHouseGateway(
                        new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            Thread traffic = new Thread(() -> {
                while (producing.get()) {
                    int i = sent.get();
                    producer.send(new ProducerRecord<>(topic, "k" + i, "{\"id\": " + i + ", \"v\": \"m" + i + "\"}"));
                    sent.incrementAndGet();
                    if (i % 100 == 0) {
                        producer.flush();
                        sleep(50);
                    }
                }
                producer.flush();
            });
            Process first = start(config, "first", processes);
            start(config, "second", processes);
            traffic.start();
            awaitRows(gateway, 2000, "first");
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL mid-stream
            awaitRows(gateway, gateway.queryLong("SELECT count() FROM events") + 2000, "second");
            start(config, "third", processes); // the killed worker comes back and the partitions are shared again
            Thread.sleep(5000);
            producing.set(false);
            traffic.join();
            awaitRows(gateway, sent.get(), "third");
            Thread.sleep(2000); // nothing more may arrive
            assertThat(gateway.queryLong("SELECT count() FROM events")).isEqualTo(sent.get());
            assertThat(gateway.queryLong("SELECT uniqExact(id) FROM events")).isEqualTo(sent.get());
            assertThat(gateway.queryLong("SELECT uniqExact(_partition, _offset) FROM events")).isEqualTo(sent.get());
        } finally {
            producing.set(false);
            for (Process process : processes) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitRows(ClickHouseGateway gateway, long rows, String run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            try {
                count = gateway.queryLong("SELECT count() FROM events");
            } catch (RuntimeException notYet) {
                count = 0; // the first worker has not created the table yet
            }
            if (count >= rows) {
                return;
            }
            Thread.sleep(200);
        }
        Path log = dir.resolve(run + ".log");
        throw new AssertionError("only " + count + " of " + rows + " rows; " + run + " output:\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    private Path writeConfig(TestDatabases db, String bootstrap, String topic) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                connections:
                  events: {type: kafka, bootstrap: "%s"}
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: events
                    mode: stream
                    source:
                      connection: events
                      topics: [%s]
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: v, type: string}
                    target: {connection: ch, table: events}
                    batch: {rows: 1000, interval: 300ms}
                """.formatted(bootstrap, ch.httpUrl(), db.clickhouse(), ch.user(), topic));
        return config;
    }

    private Process start(Path config, String name, List<Process> processes) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "ferry.jar").toAbsolutePath().toString(), "stream", "--config", config.toString(),
                "--status-every", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "5");
        return new KafkaProducer<>(p);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
