package dev.ferry.cdc;

import dev.ferry.core.schema.TableId;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.connect.data.Struct;

/**
 * What differs between change-log sources: the Debezium connector and its settings, how a change names its
 * table, and how its position in the source log becomes the row's {@code _version}.
 */
interface CdcSource {

    static CdcSource of(SourceKind kind) {
        return switch (kind) {
            case POSTGRES -> new PostgresCdcSource();
            case MYSQL -> new MySqlCdcSource();
        };
    }

    /**
     * Which tables Debezium reads: the pipeline's current tables, plus its include patterns so that tables
     * created later are followed, minus its exclude patterns (all as regular expressions).
     */
    record Capture(List<TableId> tables, List<String> includeRegexes, List<String> excludeRegexes) {

        String includeList() {
            List<String> regexes = new java.util.ArrayList<>(tables.stream()
                    .map(t -> dev.ferry.core.schema.NameRegex.literal(t.qualified())).toList());
            regexes.addAll(includeRegexes);
            return String.join(",", regexes);
        }

        boolean followsNewTables() {
            return !includeRegexes.isEmpty();
        }
    }

    /** Connector settings on top of {@link DebeziumProperties#common}. */
    Properties connector(String pipeline, JdbcEndpoint source, Capture capture, Path stateDir);

    /** Whether offsets are binlog positions that need {@link BinlogCommitPoints}. */
    boolean binlog();

    /** {@code schema.table} of the change, as the pipeline's tables are named. */
    String table(Struct source);

    /**
     * A number that grows with the change's position in the source log. Changes of one row reach the log in
     * commit order (row locks see to that), so the highest version of a key is its current state.
     */
    long version(Struct source);
}
