package dev.ferry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.Timeouts;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A source that accepts connections and never answers fails the connect and login within timeouts.connect. */
@FerryIntegrationTest
class HungSourceIT {

    @ParameterizedTest
    @EnumSource(SourceKind.class)
    void connectingToASourceThatNeverAnswersEndsWithinTheConnectTimeout(SourceKind kind, TestDatabases db)
            throws Exception {
        ServerEndpoint server = kind == SourceKind.POSTGRES ? db.stack().postgres() : db.stack().mariadb();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            proxy.blackHole();
            JdbcEndpoint endpoint = new JdbcEndpoint(kind, "127.0.0.1", proxy.port(),
                    kind == SourceKind.POSTGRES ? db.postgres() : db.mariadb(), server.user(), server.password(),
                    new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10)));
            for (Runnable connect : new Runnable[] {() -> closeQuietly(DataSources.connect(endpoint)),
                    () -> DataSources.pool(endpoint, 1, "test").close()}) {
                long started = System.nanoTime();
                assertThatThrownBy(connect::run).isInstanceOf(FerryException.class)
                        .hasMessageStartingWith("cannot connect to " + endpoint)
                        .hasMessageNotContaining(server.password());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            }
        }
    }

    private static void closeQuietly(java.sql.Connection connection) {
        try {
            connection.close();
        } catch (java.sql.SQLException ignored) {
            // the test is about opening it
        }
    }
}
