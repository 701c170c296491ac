package dev.ferry.cli.demo;

import dev.ferry.cli.local.StateDirOption;
import dev.ferry.cli.sync.ProgressView;
import dev.ferry.cli.sync.SyncCommandSummary;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.demo.DemoDataGenerator;
import dev.ferry.demo.DemoSize;
import dev.ferry.demo.SalesReport;
import dev.ferry.jdbc.DataSources;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;
import dev.ferry.local.LocalStack;
import dev.ferry.local.Passwords;
import dev.ferry.local.ServiceState;
import dev.ferry.sync.Endpoints;
import dev.ferry.sync.PipelineSync;
import dev.ferry.sync.SyncOptions;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: the online store of the seed documents end to end on the local stack — generate
 * data in PostgreSQL and MariaDB, sync both into ClickHouse, validate, and report sales.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the online-store demo on the local stack: generate data, sync, validate, report "
                + "(--cdc: stream it live and show the lag).")
public final class DemoCommand implements Callable<Integer> {

    /** Fixed end of the generated order history, so every run produces the same data. */
    private static final LocalDateTime HISTORY_END = LocalDateTime.of(2026, 11, 1, 0, 0);

    @Mixin
    StateDirOption stateDir;

    @Option(names = "--order-items", paramLabel = "N",
            description = "Size of the generated shop in order items (default: 1000000; 20000 with --dags).")
    Long orderItems;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Parallel snapshot workers per pipeline (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--cdc", description = "Stream the shop with CDC while a live order workload runs, show the "
            + "lag, then validate (instead of the batch sync).")
    boolean cdc;

    @Option(names = "--via-kafka", description = "With --cdc: seed 001's topology, PostgreSQL -> Kafka -> "
            + "ClickHouse, with order items enriched by their product's category.")
    boolean viaKafka;

    @Option(names = "--stream", description = "Seed 003: sensors publish readings to Kafka and a stream pipeline "
            + "validates them into ClickHouse, with dead letters.")
    boolean stream;

    @Option(names = "--dags", description = "The shipped example DAGs (seeds 004 and 000) through the orchestrator: "
            + "create and validate the demo products, sync and validate the back office, rebuild its aggregates.")
    boolean dags;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --cdc or --stream: how long the live workload runs (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "100",
            description = "With --cdc: shop transactions per second; with --stream, ten times as many sensor "
                    + "messages (default: ${DEFAULT-VALUE}).")
    int rate;

    @Override
    public Integer call() throws Exception {
        if (stream) {
            boolean reconciled = new StreamDemo(new LocalStack(stateDir.resolve()),
                    java.time.Duration.ofSeconds(durationSeconds), Math.max(1, rate * 10)).run();
            if (!reconciled) {
                throw new FerryException("rows and dead letters do not add up to the raw messages; see above");
            }
            return 0;
        }
        DemoSize size = DemoSize.ofOrderItems(orderItems != null ? orderItems : dags ? 20_000 : 1_000_000);
        LocalStack stack = new LocalStack(stateDir.resolve());
        System.out.println("1/5 local stack");
        stack.start(List.of(), Map.of(), r -> System.out.printf("    %-11s %s %s:%d%n", r.state().name(),
                r.alreadyRunning() ? "already running" : "started", r.state().host(), r.state().port()));
        if (cdc && viaKafka) {
            stack.start(List.of("kafka"), Map.of(), r -> System.out.printf("    %-11s %s %s:%d%n", r.state().name(),
                    r.alreadyRunning() ? "already running" : "started", r.state().host(), r.state().port()));
        }
        ServiceState pg = stack.running("postgres");
        ServiceState my = stack.running("mariadb");
        ServiceState ch = stack.running("clickhouse");

        System.out.printf("2/5 generating the shop: %s order items in PostgreSQL, a legacy back office in MariaDB%n",
                ProgressView.format(size.orderItems()));
        generate(pg, my, size);

        if (dags) {
            // a folder of its own: its sync state and run history are not mixed with the other demos'
            Path dir = stack.stateDir().resolve("demo-dags");
            Path file = DemoConfig.write(dir, pg, my, ch, parallelism);
            System.out.println("3/5 config written: " + file);
            if (!new DagsDemo(dir).run(file)) {
                throw new FerryException("an example DAG failed; see above, and ferry tasks logs DAG TASK --config "
                        + file);
            }
            return 0;
        }
        Path configFile = DemoConfig.write(stack.stateDir().resolve("demo"), pg, my, ch, parallelism);
        FerryConfig config = ConfigLoader.load(configFile);
        if (cdc && viaKafka) {
            if (!new CdcKafkaDemo(stack.stateDir().resolve("demo"), pg, ch, stack.running("kafka"),
                    java.time.Duration.ofSeconds(durationSeconds), Math.max(1, rate)).run()) {
                throw new FerryException("ClickHouse did not end with the source's order items; see above");
            }
            return 0;
        }
        if (cdc) {
            if (!new CdcDemo(config, java.time.Duration.ofSeconds(durationSeconds), Math.max(1, rate)).run()) {
                throw new FerryException("validation found differences; see above");
            }
            return 0;
        }
        System.out.println("3/5 syncing into ClickHouse (config: " + configFile + ")");
        List<SyncReport> reports = new ArrayList<>();
        for (PipelineConfig pipeline : batchPipelines(config)) {
            try (ProgressView progress = new ProgressView(System.out, ProgressView.isTerminal())) {
                reports.add(new PipelineSync(config, pipeline).run(new SyncOptions(null, true), progress));
            }
        }
        SyncCommandSummary.print(reports);

        System.out.println("4/5 validating source against ClickHouse, value by value");
        boolean equal = true;
        for (PipelineConfig pipeline : batchPipelines(config)) {
            for (TableValidation t : new Validator(config, pipeline).run(null, v -> { })) {
                System.out.printf("    %-24s %s (%s rows)%n", t.table(), t.equal() ? "equal" : "DIFFERENT",
                        ProgressView.format(t.sourceRows()));
                equal &= t.equal();
            }
        }

        System.out.println("5/5 sales report from ClickHouse");
        try (ClickHouseGateway gateway = new ClickHouseGateway(Endpoints.clickhouse(
                config.connections().get("warehouse"), DemoConfig.SHOP_DB))) {
            System.out.println(SalesReport.query(gateway, DemoConfig.SHOP_DB).render());
        }
        System.out.println("Try: ferry sync --config " + configFile + "   (incremental: only changed rows)");
        System.out.println("     ferry validate --config " + configFile);
        if (!equal) {
            throw new FerryException("validation found differences; see above");
        }
        return 0;
    }

    private static List<PipelineConfig> batchPipelines(FerryConfig config) {
        return config.pipelines().stream().filter(p -> p.mode() != dev.ferry.core.config.SyncMode.CDC).toList();
    }

    private static void generate(ServiceState pg, ServiceState my, DemoSize size) throws SQLException {
        DemoDataGenerator generator = DemoDataGenerator.withDefaultSeed(HISTORY_END);
        JdbcEndpoint pgAdmin = endpoint(SourceKind.POSTGRES, pg, "ferry");
        JdbcEndpoint myAdmin = endpoint(SourceKind.MYSQL, my, "");
        createDatabase(pgAdmin, "SELECT 1 FROM pg_database WHERE datname = '" + DemoConfig.SHOP_DB + "'",
                "CREATE DATABASE " + DemoConfig.SHOP_DB);
        createDatabase(myAdmin, null, "CREATE DATABASE IF NOT EXISTS " + DemoConfig.LEGACY_DB
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        long started = System.nanoTime();
        try (Connection conn = DataSources.connect(endpoint(SourceKind.POSTGRES, pg, DemoConfig.SHOP_DB))) {
            long rows = generator.generatePostgres(conn, size, n -> { });
            System.out.printf("    postgres  %s rows in %.1fs%n", ProgressView.format(rows), seconds(started));
        }
        started = System.nanoTime();
        try (Connection conn = DataSources.connect(endpoint(SourceKind.MYSQL, my, DemoConfig.LEGACY_DB))) {
            long rows = generator.generateMariaDb(conn, size, n -> { });
            System.out.printf("    mariadb   %s rows in %.1fs%n", ProgressView.format(rows), seconds(started));
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static JdbcEndpoint endpoint(SourceKind kind, ServiceState state, String database) {
        return new JdbcEndpoint(kind, state.host(), state.port(), database, state.user(),
                Passwords.read(state.passwordFile()));
    }

    private static void createDatabase(JdbcEndpoint admin, String existsQuery, String create) throws SQLException {
        try (Connection conn = DataSources.connect(admin); Statement st = conn.createStatement()) {
            if (existsQuery != null) {
                try (var rs = st.executeQuery(existsQuery)) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            st.execute(create);
        }
    }
}
