package dev.ferry.cli.cdc;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.cli.sync.ConfigOptions;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry cdc}: stream a pipeline's changes into ClickHouse until stopped. */
@Command(name = "cdc", mixinStandardHelpOptions = true,
        description = "Stream changes (insert/update/delete) of a cdc-mode pipeline into ClickHouse until "
                + "SIGTERM or Ctrl-C, then flush and commit. PostgreSQL sources so far.")
public final class CdcCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Print applied changes and lag this often (default: ${DEFAULT-VALUE}).")
    int statusEvery;

    @Override
    public Integer call() throws Exception {
        FerryConfig config = options.load();
        PipelineConfig pipeline = single(config);
        CountDownLatch stopped = new CountDownLatch(1);
        CdcRunner runner = new CdcRunner(config, pipeline);
        Thread hook = new Thread(() -> {
            runner.close(); // Debezium commits the offsets of everything ClickHouse accepted
            stopped.countDown();
        }, "ferry-cdc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        runner.start();
        System.out.println("pipeline " + pipeline.name() + ": streaming changes (Ctrl-C to stop)");
        while (!stopped.await(statusEvery, TimeUnit.SECONDS)) {
            if (runner.failure() != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
                runner.close();
                throw new FerryException("cdc of pipeline '" + pipeline.name() + "' stopped: "
                        + runner.failure().getMessage(), runner.failure());
            }
            System.out.printf("applied %,d changes, last batch lag %s%n", runner.applied(),
                    formatLag(Duration.ofMillis(runner.lagMillis())));
        }
        return 0;
    }

    private PipelineConfig single(FerryConfig config) {
        var pipelines = options.pipelines(config).stream().filter(p -> p.mode() == SyncMode.CDC).toList();
        if (pipelines.size() != 1) {
            throw new FerryException("ferry cdc runs one pipeline in mode: cdc; choose it with --pipeline "
                    + "(cdc pipelines in " + config.file() + ": " + config.pipelines().stream()
                            .filter(p -> p.mode() == SyncMode.CDC).map(PipelineConfig::name).toList() + ")");
        }
        return pipelines.get(0);
    }

    private static String formatLag(Duration lag) {
        return lag.toMillis() < 1000 ? lag.toMillis() + " ms" : String.format("%.1f s", lag.toMillis() / 1000.0);
    }
}
