package dev.ferry.cli.demo;

import dev.ferry.cdc.CdcReset;
import dev.ferry.cdc.CdcRunner;
import dev.ferry.cli.sync.ProgressView;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.demo.LiveOrderWorkload;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.kafka.StreamRunner;
import dev.ferry.local.Passwords;
import dev.ferry.local.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Seed 001's topology on the local stack: PostgreSQL → CDC → Kafka (a topic per table) → stream pipelines
 * → ClickHouse, where order items are enriched with their product's category on the way. A live order
 * workload runs meanwhile; at the end the row counts are compared and revenue by category is reported.
 */
final class CdcKafkaDemo {

    private static final String DB = "shop_kafka";

    private final Path dir;
    private final ServiceState pg;
    private final ServiceState ch;
    private final ServiceState kafka;
    private final Duration duration;
    private final int transactionsPerSecond;

    CdcKafkaDemo(Path dir, ServiceState pg, ServiceState ch, ServiceState kafka, Duration duration,
            int transactionsPerSecond) {
        this.dir = dir;
        this.pg = pg;
        this.ch = ch;
        this.kafka = kafka;
        this.duration = duration;
        this.transactionsPerSecond = transactionsPerSecond;
    }

    /** Returns whether ClickHouse ended with the source's rows. */
    boolean run() throws Exception {
        Path file = writeConfig();
        FerryConfig config = ConfigLoader.load(file);
        JdbcEndpoint source = new JdbcEndpoint(SourceKind.POSTGRES, pg.host(), pg.port(), DemoConfig.SHOP_DB,
                pg.user(), Passwords.read(pg.passwordFile()));
        forgetPreviousRun(config, source);
        System.out.println("3/5 PostgreSQL -> Kafka (a topic per table) -> ClickHouse " + DB + " (config: " + file
                + ")");
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseEndpoint("http://" + ch.host() + ":"
                + ch.port(), "default", ch.user(), Passwords.read(ch.passwordFile())));
                CdcRunner cdc = new CdcRunner(config, config.requirePipeline("shop_to_kafka"));
                StreamRunner products = new StreamRunner(config, config.requirePipeline("products_from_kafka"));
                StreamRunner items = new StreamRunner(config, config.requirePipeline("order_items_from_kafka"))) {
            gateway.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            cdc.start();
            products.start();
            long productCount = count(source, "products");
            // items are enriched from the products table, so the products go first
            awaitRows(products, productCount, cdc, "products");
            items.start();
            awaitRows(items, count(source, "order_items"), cdc, "order items");
            System.out.printf("4/5 live shop for %ds at %d transactions/s%n", duration.toSeconds(),
                    transactionsPerSecond);
            try (Connection conn = DataSources.connect(source); LiveOrderWorkload shop = new LiveOrderWorkload(conn, 11)) {
                long end = System.nanoTime() + duration.toNanos();
                long nextStatus = System.nanoTime();
                while (System.nanoTime() < end) {
                    shop.step();
                    Thread.sleep(Math.max(1, 1000 / transactionsPerSecond));
                    if (System.nanoTime() >= nextStatus) {
                        System.out.printf("    published %s changes; order items: %s rows, %s dead letters%n",
                                ProgressView.format(cdc.applied()), ProgressView.format(items.stats().written()),
                                ProgressView.format(items.stats().dead()));
                        nextStatus += 1_000_000_000L;
                    }
                }
            }
            long expected = count(source, "order_items");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long actual = -1;
            while (System.nanoTime() < deadline) {
                actual = gateway.queryLong("SELECT count() FROM " + DB + ".order_items FINAL WHERE _is_deleted = 0");
                if (actual == expected) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("5/5 order items: PostgreSQL %s, ClickHouse %s%n", ProgressView.format(expected),
                    ProgressView.format(actual));
            System.out.println("    revenue by category (enriched on the way in):");
            gateway.queryAll("SELECT category, toString(round(sum(quantity * unit_price), 2)) FROM " + DB
                    + ".order_items FINAL WHERE _is_deleted = 0 GROUP BY category ORDER BY sum(quantity * unit_price) "
                    + "DESC LIMIT 5").forEach(r -> System.out.printf("      %-12s %s%n", r.get(0), r.get(1)));
            return actual == expected;
        } finally {
            System.out.println("Try: ferry cdc --config " + file + " --pipeline shop_to_kafka   and   ferry stream "
                    + "--config " + file + " --pipeline order_items_from_kafka");
        }
    }

    private static long count(JdbcEndpoint source, String table) throws Exception {
        try (Connection conn = DataSources.connect(source); Statement st = conn.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitRows(StreamRunner stream, long rows, CdcRunner cdc, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stream.stats().written() < rows) {
            if (cdc.failure() != null || stream.failure() != null || System.nanoTime() > deadline) {
                Throwable failure = cdc.failure() != null ? cdc.failure() : stream.failure();
                throw new FerryException("the " + what + " did not arrive: "
                        + (failure == null ? "timed out" : failure.getMessage()), failure);
            }
            Thread.sleep(500);
        }
        System.out.printf("    %s: %s rows through Kafka%n", what, ProgressView.format(stream.stats().written()));
    }

    /** Each run regenerates the shop: the previous run's position, slot, topics' groups and tables go. */
    private void forgetPreviousRun(FerryConfig config, JdbcEndpoint source) throws Exception {
        CdcReset.reset(config, config.requirePipeline("shop_to_kafka"));
        try (Connection conn = DataSources.connect(source); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = "
                    + "'ferry_shop_to_kafka' AND NOT active");
            st.execute("DROP PUBLICATION IF EXISTS ferry_shop_to_kafka");
        }
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseEndpoint("http://" + ch.host() + ":"
                + ch.port(), "default", ch.user(), Passwords.read(ch.passwordFile())))) {
            gateway.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private Path writeConfig() throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("cdc-kafka.yaml");
        // fresh topics per run: Kafka keeps earlier runs' events, which describe a shop generated anew since
        String run = Long.toString(System.currentTimeMillis(), 36);
        Files.writeString(file, """
                # Written by `ferry demo --cdc --via-kafka`: seed 001's PostgreSQL -> Kafka -> ClickHouse topology
                state_dir: state
                connections:
                  shop_pg: {type: postgres, host: %1$s, port: %2$d, database: %3$s, user: %4$s, password: "${file:%5$s}"}
                  bus: {type: kafka, bootstrap: "%6$s:%7$d"}
                  warehouse: {type: clickhouse, url: "http://%8$s:%9$d", database: %10$s, user: %11$s, password: "${file:%12$s}"}
                pipelines:
                  - name: shop_to_kafka
                    mode: cdc
                    source: {connection: shop_pg, tables: [public.products, public.order_items]}
                    target: {connection: bus, table_prefix: "shop_%13$s."}
                  - name: products_from_kafka
                    mode: stream
                    source:
                      connection: bus
                      topics: [shop_%13$s.public.products]
                      group: demo_products
                      format: debezium
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: category, type: string, required: true}
                        - {name: price, type: "decimal(12,2)", required: true}
                    target: {connection: warehouse, table: products, order_by: [id]}
                    batch: {interval: 500ms}
                  - name: order_items_from_kafka
                    mode: stream
                    source:
                      connection: bus
                      topics: [shop_%13$s.public.order_items]
                      group: demo_items
                      format: debezium
                      columns:
                        - {name: id, type: int64, required: true}
                        - {name: order_id, type: int64, required: true}
                        - {name: product_id, type: int64, required: true}
                        - {name: quantity, type: int32, required: true, min: 1}
                        - {name: unit_price, type: "decimal(12,2)", required: true}
                      enrich:
                        - {table: %10$s.products, key: product_id, on: id, columns: [{name: category, type: string}]}
                    target: {connection: warehouse, table: order_items, order_by: [id]}
                    batch: {interval: 500ms}
                """.formatted(pg.host(), pg.port(), DemoConfig.SHOP_DB, pg.user(), pg.passwordFile(), kafka.host(),
                kafka.port(), ch.host(), ch.port(), DB, ch.user(), ch.passwordFile(), run));
        return file;
    }
}
