package dev.ferry.cli.stream;

import dev.ferry.cli.StopSignal;
import dev.ferry.cli.sync.ConfigOptions;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.config.SyncMode;
import dev.ferry.kafka.StreamRunner;
import dev.ferry.kafka.StreamStats;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry stream}: consume a stream pipeline's Kafka topics into ClickHouse until stopped. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Consume a mode: stream pipeline's Kafka topics into ClickHouse until SIGTERM or Ctrl-C. "
                + "Start several with the same config to share the partitions.")
public final class StreamCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Print counts this often (default: ${DEFAULT-VALUE}).")
    int statusEvery;

    @Option(names = "--worker-id", paramLabel = "NAME",
            description = "This worker's stable name in the consumer group (Kafka group.instance.id), e.g. a pod "
                    + "name: a restart with the same name gets its partitions back at once. Default: numbered per "
                    + "machine by lock files under the state directory.")
    String workerId;

    @Override
    public Integer call() throws Exception {
        FerryConfig config = options.load();
        PipelineConfig pipeline = options.single(config, SyncMode.STREAM);
        try (StopSignal stop = StopSignal.install()) {
            StreamRunner runner = new StreamRunner(config, pipeline, workerId);
            runner.start();
            System.out.println("pipeline " + pipeline.name() + ": consuming " + (pipeline.stream().topicPattern() != null
                    ? "topics matching " + pipeline.stream().topicPattern()
                    : String.join(", ", pipeline.stream().topics()))
                    + " in group " + pipeline.stream().group() + " (Ctrl-C to stop)");
            long last = 0;
            while (!stop.await(statusEvery, TimeUnit.SECONDS)) {
                if (runner.failure() != null) {
                    runner.close();
                    throw new FerryException("stream pipeline '" + pipeline.name() + "' stopped: "
                            + runner.failure().getMessage(), runner.failure());
                }
                StreamStats stats = runner.stats();
                System.out.println(statusLine(stats, (stats.consumed() - last) / (double) statusEvery));
                runner.partitionWait().ifPresent(System.out::println);
                last = stats.consumed();
            }
            System.out.println(stop.received() + ": stopping; writing and committing what was read");
            runner.close(); // writes and commits what is pending, leaves the group
            if (runner.failure() != null) {
                throw new FerryException("stream pipeline '" + pipeline.name() + "' failed while stopping: "
                        + runner.failure().getMessage(), runner.failure());
            }
            StreamStats stats = runner.stats();
            System.out.println("stopped: " + statusLine(stats, 0));
            return 0;
        }
    }

    static String statusLine(StreamStats stats, double perSecond) {
        String line = String.format("consumed %,d (%,.0f/s): %,d rows, %,d dead letters, %,d already written; "
                + "last batch %d ms", stats.consumed(), perSecond, stats.written(), stats.dead(), stats.skipped(),
                stats.lastBatchMillis());
        if (stats.unavailableSince() > 0) {
            line += String.format("; delivery failing for %d s (see the log), consumption paused",
                    (System.currentTimeMillis() - stats.unavailableSince()) / 1000);
        }
        return line;
    }
}
