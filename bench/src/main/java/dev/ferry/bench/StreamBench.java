package dev.ferry.bench;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.kafka.StreamRunner;
import dev.ferry.local.LocalStack;
import dev.ferry.local.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.HashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka → ClickHouse: Ferry's stream pipeline against ClickHouse's own Kafka engine with a materialized
 * view, on the same topic of sensor messages (seed 003's shape), one after the other in one run. Prints
 * messages/s of each and the ratio. Ferry validates every message and writes exactly once; the Kafka
 * engine parses JSONEachRow without rules and delivers at least once. With {@code --runs N} both contenders
 * consume the same topic N times, each time in a new consumer group into new tables, and the medians are
 * compared: on a small shared machine single runs vary by a factor of two.
 * Usage: {@code bench/run stream [--messages 1000000] [--partitions 4] [--runs 1]}.
 */
public final class StreamBench {

    private static final String DB = "bench_stream";

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = CdcLagBench.intArg(args, "--messages", 1_000_000);
        int partitions = CdcLagBench.intArg(args, "--partitions", 4);
        Path stateDir = Path.of(System.getProperty("ferry.bench.stateDir", ".ferry/bench"));
        Servers servers = Servers.start(stateDir);
        ServiceState kafka = new LocalStack(stateDir).start(List.of("kafka"), Map.of(), r -> { }).get(0).state();
        String bootstrap = kafka.host() + ":" + kafka.port();
        ServiceState ch = servers.clickhouse();
        String topic = "bench_sensors_" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        long produceStart = System.nanoTime();
        produce(bootstrap, topic, messages);
        System.out.printf(Locale.ROOT, "produced %,d messages into %s (%d partitions) in %.1f s%n", messages, topic,
                partitions, (System.nanoTime() - produceStart) / 1e9);
        int runs = CdcLagBench.intArg(args, "--runs", 1);
        List<double[]> results = new java.util.ArrayList<>();
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseEndpoint("http://" + ch.host() + ":"
                + ch.port(), "default", ch.user(), Servers.password(ch)))) {
            gateway.execute("DROP DATABASE IF EXISTS " + DB);
            gateway.execute("CREATE DATABASE " + DB);
            for (int run = 1; run <= runs; run++) {
                double engine = kafkaEngine(gateway, bootstrap, topic, messages, partitions, run);
                double ferry = ferry(stateDir, ch, bootstrap, topic, messages, gateway, run);
                results.add(new double[] {engine, ferry});
            }
        }
        System.out.printf(Locale.ROOT, "%n| run | Kafka engine + MV msg/s | Ferry msg/s | Ferry / engine |%n|---|---|---|---|%n");
        for (int run = 0; run < runs; run++) {
            double engine = results.get(run)[0];
            double ferry = results.get(run)[1];
            System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %s |%n", run + 1,
                    Double.isNaN(engine) ? "did not finish" : String.format(Locale.ROOT, "%,.0f", messages / engine),
                    messages / ferry, Double.isNaN(engine) ? "-" : String.format(Locale.ROOT, "%.2fx", engine / ferry));
        }
        double engineMedian = median(results.stream().mapToDouble(r -> r[0]).filter(d -> !Double.isNaN(d)).toArray());
        double ferryMedian = median(results.stream().mapToDouble(r -> r[1]).toArray());
        double ratioMedian = median(results.stream().filter(r -> !Double.isNaN(r[0])).mapToDouble(r -> r[0] / r[1])
                .toArray());
        if (Double.isNaN(engineMedian)) {
            System.out.printf(Locale.ROOT, "%nno ratio: the Kafka engine did not consume the topic; Ferry median %,.0f msg/s%n",
                    messages / ferryMedian);
        } else {
            System.out.printf(Locale.ROOT, "%nmedians of %d run(s): Kafka engine %,.0f msg/s, Ferry %,.0f msg/s; "
                    + "Ferry / Kafka engine: %.2fx (median of the per-run ratios)%n", runs, messages / engineMedian,
                    messages / ferryMedian, ratioMedian);
        }
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void produce(String bootstrap, String topic, int messages) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        SplittableRandom random = new SplittableRandom(3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < messages; i++) {
                String sensor = "s-" + random.nextInt(1000);
                producer.send(new ProducerRecord<>(topic, sensor, String.format(Locale.ROOT,
                        "{\"sensor_id\":\"%s\",\"timestamp\":%d,\"temperature\":%.2f,\"humidity\":%.2f,\"status\":\"%s\"}",
                        sensor, 1_767_225_600L + i, random.nextDouble() * 60 - 10, random.nextDouble() * 100,
                        random.nextInt(10) == 0 ? "warn" : "ok")));
            }
        }
    }

    /** ClickHouse pulls the topic itself: a Kafka engine table and a materialized view into MergeTree. */
    private static double kafkaEngine(ClickHouseGateway gateway, String bootstrap, String topic, int messages,
            int partitions, int run) throws InterruptedException {
        gateway.execute("CREATE TABLE " + DB + ".engine_sensors (sensor_id String, ts DateTime, temperature Float64, "
                + "humidity Float64, status String) ENGINE = MergeTree ORDER BY (sensor_id, ts)");
        // the engine's consumer starts at the end of the topic when its group has no offsets (librdkafka's
        // default): commit the beginning for it first, or it would wait for new messages that never come
        String group = "ch_bench_" + topic + "_" + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                beginning.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(group, beginning).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot set the Kafka engine's start offsets: " + e.getCause(), e);
        }
        gateway.execute("CREATE TABLE " + DB + ".engine_queue (sensor_id String, timestamp UInt32, temperature Float64, "
                + "humidity Float64, status String) ENGINE = Kafka('" + bootstrap + "', '" + topic + "', '" + group
                + "', 'JSONEachRow', '\\n', '', " + partitions + ")");
        long start = System.nanoTime();
        gateway.execute("CREATE MATERIALIZED VIEW " + DB + ".engine_mv TO " + DB + ".engine_sensors AS SELECT "
                + "sensor_id, toDateTime(timestamp) AS ts, temperature, humidity, status FROM " + DB + ".engine_queue");
        long count = 0;
        long lastProgress = System.nanoTime();
        // give up when nothing arrives for a minute
        while (count < messages && System.nanoTime() - lastProgress < 60_000_000_000L) {
            Thread.sleep(200);
            long now = gateway.queryLong("SELECT count() FROM " + DB + ".engine_sensors");
            if (now > count) {
                lastProgress = System.nanoTime();
            }
            count = now;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        gateway.execute("DROP TABLE " + DB + ".engine_mv");
        gateway.execute("DROP TABLE " + DB + ".engine_queue");
        gateway.execute("DROP TABLE " + DB + ".engine_sensors"); // no merges of it left running in the next run
        System.out.printf(Locale.ROOT, "run %d: kafka engine: %,d rows in %.1f s%n", run, count, seconds);
        return count < messages ? Double.NaN : seconds;
    }

    private static double ferry(Path stateDir, ServiceState ch, String bootstrap, String topic, int messages,
            ClickHouseGateway gateway, int run) throws Exception {
        Path dir = stateDir.resolve("stream-bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ferry.yaml"), """
                connections:
                  bus: {type: kafka, bootstrap: "%s"}
                  ch: {type: clickhouse, url: "http://%s:%d", database: %s, user: %s, password: "${file:%s}"}
                pipelines:
                  - name: bench
                    mode: stream
                    source:
                      connection: bus
                      topics: [%s]
                      group: ferry_bench_%s_%d
                      columns:
                        - {name: sensor_id, type: string, required: true, pattern: "s-[0-9]+"}
                        - {name: ts, path: timestamp, type: timestamp, required: true}
                        - {name: temperature, type: float64, min: -50, max: 150}
                        - {name: humidity, type: float64, min: 0, max: 100}
                        - {name: status, type: string}
                    target: {connection: ch, table: ferry_sensors, order_by: [sensor_id, ts]}
                    batch: {rows: 200000, interval: 1s}
                """.formatted(bootstrap, ch.host(), ch.port(), DB, ch.user(), ch.passwordFile(), topic, topic, run));
        FerryConfig config = ConfigLoader.load(dir.resolve("ferry.yaml"));
        long start = System.nanoTime();
        try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("bench"))) {
            runner.start();
            while (runner.stats().written() + runner.stats().dead() < messages) {
                if (runner.failure() != null) {
                    throw new IllegalStateException(runner.failure());
                }
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "run %d: ferry: %,d rows in %.1f s%n", run,
                gateway.queryLong("SELECT count() FROM " + DB + ".ferry_sensors"), seconds);
        gateway.execute("DROP TABLE " + DB + ".ferry_sensors"); // the next run starts from an empty table
        return seconds;
    }
}
