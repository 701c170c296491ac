package dev.ferry.cdc;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.table.TableDdl;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.sync.Endpoints;
import dev.ferry.sync.SourceTables;
import dev.ferry.sync.TableMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a pipeline to be streamed again from a fresh snapshot: drops its ClickHouse tables (so they are
 * created with the source's current column types) and forgets its stored position. The PostgreSQL slot is
 * kept: the new snapshot is taken while it holds the changes since, and those replayed changes carry
 * versions above the snapshot's, so nothing is lost or doubled.
 */
public final class CdcReset {

    private CdcReset() {
    }

    /** Returns what was removed, for the user. */
    public static List<String> reset(FerryConfig config, PipelineConfig pipeline) {
        List<String> done = new ArrayList<>();
        JdbcEndpoint source = Endpoints.source(config.connections().get(pipeline.source().connection()));
        String database = pipeline.target().database();
        if (config.connections().get(pipeline.target().connection()).type()
                == dev.ferry.core.config.ConnectionType.KAFKA) {
            return forgetPosition(config, pipeline, done); // topics keep their history; the snapshot is published again
        }
        var endpoint = Endpoints.clickhouse(config.connections().get(pipeline.target().connection()), database);
        dev.ferry.clickhouse.table.ClickHouseCatalog.ensureDatabase(endpoint);
        try (ClickHouseGateway clickhouse = new ClickHouseGateway(endpoint)) {
            for (TableMapping table : SourceTables.map(source, pipeline,
                    dev.ferry.sync.TableMapper.followingTargets(pipeline, source, clickhouse), null)) {
                clickhouse.execute(TableDdl.dropCurrentView(table.target()));
                clickhouse.execute("DROP TABLE IF EXISTS " + table.target().qualifiedName());
                done.add("dropped " + table.target().database() + "." + table.target().name());
            }
        }
        return forgetPosition(config, pipeline, done);
    }

    private static List<String> forgetPosition(FerryConfig config, PipelineConfig pipeline, List<String> done) {
        for (String suffix : List.of(".offsets", ".schema-history")) {
            Path file = config.stateDir().resolve(pipeline.name() + suffix);
            try {
                if (Files.deleteIfExists(file)) {
                    done.add("removed " + file);
                }
            } catch (IOException e) {
                throw new FerryException("cannot remove " + file + ": " + e.getMessage(), e);
            }
        }
        return done;
    }
}
