package dev.ferry.cdc;

import dev.ferry.jdbc.JdbcEndpoint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.connect.data.Struct;

/** PostgreSQL logical replication through {@code pgoutput}, a slot and a publication named {@code ferry_<pipeline>}. */
final class PostgresCdcSource implements CdcSource {

    @Override
    public Properties connector(String pipeline, JdbcEndpoint source, Capture capture, Path stateDir) {
        Properties p = new Properties();
        String name = slotName(pipeline);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.dbname", source.database());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", name);
        p.setProperty("publication.name", name);
        // a publication of all tables sends the changes of tables created later too; creating one needs a
        // superuser (CdcPreflight says so), a filtered one only the listed tables' ownership
        p.setProperty("publication.autocreate.mode", capture.followsNewTables() ? "all_tables" : "filtered");
        // changes of a partitioned table arrive under its own name instead of its partitions' (which the pipeline
        // does not select, so they would be lost); an existing publication is set so by PartitionedPublication.
        // PostgreSQL 12 and older have no such option (nor a partition of a publication's own)
        if (PartitionedPublication.supported(source)) {
            p.setProperty("publish.via.partition.root", "true");
        }
        // never dropped by Ferry: without the slot the next run must resync everything; dropping it is left to
        // the user (docs/cdc.md shows how), who also sees its retained WAL in the lag log line
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("table.include.list", capture.includeList());
        if (!capture.excludeRegexes().isEmpty()) {
            p.setProperty("table.exclude.list", String.join(",", capture.excludeRegexes()));
        }
        return p;
    }

    @Override
    public boolean binlog() {
        return false;
    }

    @Override
    public String table(Struct source) {
        return source.getString("schema") + "." + source.getString("table");
    }

    @Override
    public long version(Struct source) {
        return source.getInt64("lsn");
    }

    /** Replication slot and publication name: PostgreSQL allows lower-case letters, digits and '_'. */
    static String slotName(String pipeline) {
        return "ferry_" + pipeline.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
