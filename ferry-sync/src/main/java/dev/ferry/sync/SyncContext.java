package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.write.BatchLimits;
import dev.ferry.clickhouse.write.DeadLetterTable;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceSql;
import dev.ferry.sync.state.StateStore;

/** Everything the table jobs of one pipeline run share. */
public record SyncContext(PipelineConfig pipeline, JdbcEndpoint source, SourceSql sql, ClickHouseGateway clickhouse,
        ServerCapabilities caps, DeadLetterTable deadLetters, StateStore state, SyncListener listener,
        RetryPolicy retry) {

    public BatchLimits batchLimits() {
        return new BatchLimits(pipeline.batch().rows(), pipeline.batch().bytes());
    }
}
