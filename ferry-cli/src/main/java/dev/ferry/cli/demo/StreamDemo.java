package dev.ferry.cli.demo;

import dev.ferry.cli.sync.ProgressView;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.demo.SensorMessages;
import dev.ferry.kafka.StreamRunner;
import dev.ferry.kafka.StreamStats;
import dev.ferry.local.LocalStack;
import dev.ferry.local.Passwords;
import dev.ferry.local.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Seed 003 on the local stack: sensors publish readings to Kafka (a few of them broken), a stream pipeline
 * validates them into {@code iot.sensor_metrics}, and the demo shows rates, dead letters and a small report.
 */
final class StreamDemo {

    static final String TOPIC = "sensor_metrics";

    private final LocalStack stack;
    private final Duration duration;
    private final int messagesPerSecond;

    StreamDemo(LocalStack stack, Duration duration, int messagesPerSecond) {
        this.stack = stack;
        this.duration = duration;
        this.messagesPerSecond = messagesPerSecond;
    }

    /** Returns whether the counts reconcile (rows + dead letters = produced). */
    boolean run() throws Exception {
        System.out.println("1/4 local stack with Kafka");
        stack.start(List.of("clickhouse", "kafka"), Map.of(), r -> System.out.printf("    %-11s %s %s:%d%n",
                r.state().name(), r.alreadyRunning() ? "already running" : "started", r.state().host(), r.state().port()));
        ServiceState kafka = stack.running("kafka");
        ServiceState ch = stack.running("clickhouse");
        String bootstrap = kafka.host() + ":" + kafka.port();
        Path configFile = writeConfig(stack.stateDir().resolve("demo"), bootstrap, ch);
        FerryConfig config = ConfigLoader.load(configFile);
        System.out.printf("2/4 sensors publish to topic %s: %d messages/s for %ds, about 2%% of them broken%n", TOPIC,
                messagesPerSecond, duration.toSeconds());
        AtomicLong produced = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread sensors = new Thread(() -> produce(bootstrap, produced, producing), "ferry-demo-sensors");
        System.out.println("3/4 ferry stream validates them into ClickHouse iot.sensor_metrics (config: " + configFile + ")");
        try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
            runner.start();
            sensors.start();
            long end = System.nanoTime() + duration.toNanos();
            long last = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
                failIfStopped(runner);
                StreamStats stats = runner.stats();
                System.out.printf("    produced %s, consumed %s (%s/s): %s rows, %s dead letters%n",
                        ProgressView.format(produced.get()), ProgressView.format(stats.consumed()),
                        ProgressView.format(stats.consumed() - last), ProgressView.format(stats.written()),
                        ProgressView.format(stats.dead()));
                last = stats.consumed();
            }
            producing.set(false);
            sensors.join();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runner.stats().written() + runner.stats().dead() + runner.stats().skipped() < produced.get()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                failIfStopped(runner);
            }
        }
        return report(ch, produced.get(), configFile.getParent());
    }

    private void produce(String bootstrap, AtomicLong produced, AtomicBoolean producing) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "20");
        SensorMessages messages = new SensorMessages(System.nanoTime(), 50, 0.02);
        long intervalNanos = 1_000_000_000L / messagesPerSecond;
        long next = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            while (producing.get()) {
                String sensor = messages.nextKey();
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                producer.send(new ProducerRecord<>(TOPIC, sensor, messages.next(sensor, now)));
                produced.incrementAndGet();
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean report(ServiceState ch, long produced, Path stateDirOfDemo) {
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseEndpoint("http://" + ch.host() + ":"
                + ch.port(), "iot", ch.user(), Passwords.read(ch.passwordFile())))) {
            long rows = gateway.queryLong("SELECT count() FROM sensor_metrics");
            long dead = gateway.queryLong("SELECT count() FROM _ferry_stream_dead_letters WHERE pipeline = 'sensors'");
            System.out.println("4/4 in ClickHouse");
            System.out.printf("    %s rows + %s dead letters = %s messages (produced this run: %s; the tables keep "
                    + "earlier runs too)%n", ProgressView.format(rows), ProgressView.format(dead),
                    ProgressView.format(rows + dead), ProgressView.format(produced));
            System.out.println("    dead letters by reason:");
            gateway.queryAll("SELECT replaceRegexpOne(error, '[0-9.]+ is', 'N is') AS reason, count() FROM "
                    + "_ferry_stream_dead_letters WHERE pipeline = 'sensors' GROUP BY reason ORDER BY count() DESC "
                    + "LIMIT 5").forEach(r -> System.out.printf("      %6s  %s%n", r.get(1), r.get(0)));
            System.out.println("    warmest sensors (average °C):");
            gateway.queryAll("SELECT sensor_id, toString(round(avg(temperature), 2)) FROM sensor_metrics GROUP BY "
                    + "sensor_id ORDER BY avg(temperature) DESC LIMIT 3").forEach(r -> System.out.printf(
                    "      %-6s %s%n", r.get(0), r.get(1)));
            long total = gateway.queryLong("SELECT count() FROM sensor_metrics_raw");
            Path dags = ExampleDags.install(stateDirOfDemo.resolve("dags"));
            System.out.println("Try: ferry dags test sensor_hourly_rollup --config " + stateDirOfDemo.resolve("stream.yaml")
                    + "   (an hourly datamart on a schedule; DAGs in " + dags + ")");
            return rows + dead == total;
        }
    }

    private static Path writeConfig(Path dir, String bootstrap, ServiceState ch) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("stream.yaml");
        Files.writeString(file, """
                # Written by `ferry demo --stream`. Run it yourself with: ferry stream --config %s
                state_dir: state
                connections:
                  bus: {type: kafka, bootstrap: "%s"}
                  warehouse: {type: clickhouse, url: "http://%s:%d", database: iot, user: %s, password: "${file:%s}"}
                pipelines:
                  - name: sensors
                    mode: stream
                    source:
                      connection: bus
                      topics: [%s]
                      group: ferry_demo_sensors
                      columns:
                        - {name: sensor_id,   path: sensor_id,           type: string,  required: true, pattern: "s-[0-9]+"}
                        - {name: ts,          path: timestamp,           type: timestamp, required: true}
                        - {name: temperature, path: metrics.temperature, type: float64, required: true, min: -50, max: 150}
                        - {name: humidity,    path: metrics.humidity,    type: float64, min: 0, max: 100}
                        - {name: pressure,    path: metrics.pressure,    type: float64}
                    target: {connection: warehouse, table: sensor_metrics, raw_table: sensor_metrics_raw,
                             order_by: [sensor_id, ts], partition_by: toYYYYMM(ts)}
                    batch: {rows: 50000, interval: 1s}
                """.formatted(file, bootstrap, ch.host(), ch.port(), ch.user(), ch.passwordFile(), TOPIC));
        return file;
    }

    private static void failIfStopped(StreamRunner runner) {
        if (runner.failure() != null) {
            throw new FerryException("the stream stopped: " + runner.failure().getMessage(), runner.failure());
        }
    }
}
