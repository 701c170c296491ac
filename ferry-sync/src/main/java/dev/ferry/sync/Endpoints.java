package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.jdbc.JdbcEndpoint;
import dev.ferry.jdbc.SourceKind;

/** Turns configured connections into the endpoints of the source and sink modules. */
public final class Endpoints {

    private Endpoints() {
    }

    public static JdbcEndpoint source(ConnectionConfig connection) {
        SourceKind kind = switch (connection.type()) {
            case POSTGRES -> SourceKind.POSTGRES;
            case MYSQL -> SourceKind.MYSQL;
            case CLICKHOUSE, KAFKA -> throw new FerryException("connection '" + connection.name() + "' is "
                    + connection.type().label() + "; a database source must be postgres or mysql");
        };
        return new JdbcEndpoint(kind, connection.host(), connection.port(), connection.database(), connection.user(),
                connection.password().reveal(), connection.timeouts());
    }

    public static ClickHouseEndpoint clickhouse(ConnectionConfig connection, String database) {
        if (connection.type() != ConnectionType.CLICKHOUSE) {
            throw new FerryException("connection '" + connection.name() + "' is not ClickHouse");
        }
        String url = connection.url() != null ? connection.url()
                : "http://" + connection.host() + ":" + connection.port();
        boolean compress = !"false".equalsIgnoreCase(connection.options().getOrDefault("compress", "true"));
        return new ClickHouseEndpoint(url, database, connection.user(), connection.password().reveal(), compress,
                connection.name(), connection.timeouts());
    }
}
