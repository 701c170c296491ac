package dev.ferry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse unreachable for 30 seconds while messages keep coming: the pipeline pauses, retries, and ends
 * with every message exactly once.
 */
@FerryIntegrationTest
class StreamOutageIT {

    @TempDir
    Path dir;

    @Test
    void clickhouseDownForThirtySecondsLosesAndDoublesNothing(TestDatabases db) throws Exception {
        String bootstrap = db.stack().kafkaBootstrap();
        String topic = "outage_" + db.name();
        KafkaTestSupport.createTopic(bootstrap, topic, 2);
        ServerEndpoint ch = db.stack().clickhouse();
        StreamIT configs = new StreamIT();
        configs.dir = dir;
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port());
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                ClickHouseGateway gateway = StreamIT.gateway(db)) {
            FerryConfig config = configs.config(db, bootstrap, topic, "json", StreamItColumns.SENSORS, "",
                    "http://127.0.0.1:" + proxy.port());
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread traffic = new Thread(() -> {
                try {
                    while (producing.get()) {
                        KafkaTestSupport.send(producer, topic, null, StreamIT.good(sent.getAndIncrement()));
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (StreamRunner runner = new StreamRunner(config, config.requirePipeline("sensors"))) {
                runner.start();
                traffic.start();
                StreamIT.await(() -> runner.stats().written() > 100, runner);
                proxy.cut();
                StreamIT.await(() -> runner.stats().unavailableSince() > 0, runner);
                long writtenWhenCut = runner.stats().written();
                Thread.sleep(30_000);
                assertThat(runner.stats().written()).as("nothing written while ClickHouse is away")
                        .isEqualTo(writtenWhenCut);
                proxy.restore();
                Thread.sleep(3_000);
                producing.set(false);
                traffic.join();
                StreamIT.await(() -> runner.stats().written() == sent.get(), runner);
                assertThat(runner.stats().unavailableSince()).isZero();
            }
            assertThat(gateway.queryLong("SELECT count() FROM sensor_metrics")).isEqualTo(sent.get());
            assertThat(gateway.queryLong("SELECT uniqExact(_partition, _offset) FROM sensor_metrics"))
                    .isEqualTo(sent.get());
        }
    }
}
