package dev.ferry.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.data.ClickHouseFormat;
import dev.ferry.core.config.Timeouts;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A ClickHouse that accepts connections but never answers (TcpProxy's black hole) ends every kind of call
 * within the connection's timeouts, while a statement that merely works long on a live server is not cut.
 */
@FerryIntegrationTest
class ClickHouseHangIT {

    private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    private static ClickHouseGateway through(TcpProxy proxy, TestDatabases db) {
        ServerEndpoint ch = db.stack().clickhouse();
        return new ClickHouseGateway(new ClickHouseEndpoint("http://127.0.0.1:" + proxy.port(), db.clickhouse(),
                ch.user(), ch.password(), true, "ch", QUICK));
    }

    @Test
    void aServerThatNeverAnswersEndsStatementsQueriesAndInsertsWithinTheTimeouts(TestDatabases db) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port()); ClickHouseGateway gateway = through(proxy, db)) {
            gateway.execute("CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
            proxy.blackHole();
            String url = "ClickHouse ch (http://127.0.0.1:" + proxy.port() + ")";
            for (Runnable call : List.<Runnable>of(
                    () -> gateway.execute("CREATE TABLE u (id UInt64) ENGINE = MergeTree ORDER BY id"),
                    () -> gateway.queryLong("SELECT count() FROM t"),
                    () -> gateway.insert("`t`", List.of("id"), new java.io.ByteArrayInputStream(new byte[8]),
                            ClickHouseFormat.RowBinary, Map.of()))) {
                long started = System.nanoTime();
                assertThatThrownBy(call::run).isInstanceOfSatisfying(ClickHouseException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).startsWith(url + " has not answered ")
                            .contains("taken as hung");
                });
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            }
            proxy.restore();
            assertThat(gateway.queryLong("SELECT count() FROM t")).isZero();
        }
    }

    /**
     * The server hangs while an insert's rows are on their way: the insert ends as hung. What the proxy held
     * reaches the server after the restore, so the server may still complete the insert it was sent: all
     * rows or none, never a part (Ferry's writes are idempotent for that reason).
     */
    @Test
    void aServerThatHangsDuringAnInsertEndsIt(TestDatabases db) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port()); ClickHouseGateway gateway = through(proxy, db)) {
            gateway.execute("CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
            CountDownLatch sending = new CountDownLatch(1);
            InputStream rows = new InputStream() {
                private long sent;

                @Override
                public int read() {
                    if (sent == 8 * 1000) {
                        sending.countDown();
                    }
                    // 1,000 rows, then the stream waits as a slow producer would while the server hangs
                    return sent < 8 * 2000 ? (int) (sent++ % 8 == 0 ? sent / 8 % 256 : 0) : -1;
                }
            };
            CompletableFuture<Long> insert = CompletableFuture.supplyAsync(() -> gateway.insert("`t`", List.of("id"),
                    new java.io.SequenceInputStream(rows, blockUntil(proxy)), ClickHouseFormat.RowBinary, Map.of()));
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> insert.get(8, TimeUnit.SECONDS)).hasCauseInstanceOf(ClickHouseException.class)
                    .hasMessageContaining("taken as hung");
            proxy.restore();
            assertThat(gateway.queryLong("SELECT count() FROM t")).as("all rows or none").isIn(0L, 2000L);
        }
    }

    /** Once a few rows are out, turns the proxy into a black hole and then ends the rows. */
    private static InputStream blockUntil(TcpProxy proxy) {
        return new InputStream() {
            private boolean done;

            @Override
            public int read() {
                if (!done) {
                    done = true;
                    proxy.blackHole();
                }
                return -1;
            }
        };
    }

    /** A statement that works longer than idle on a live server is waited for, however long it takes. */
    @Test
    void aSlowStatementOnALiveServerIsNotCut(TestDatabases db) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        try (TcpProxy proxy = new TcpProxy(ch.host(), ch.port()); ClickHouseGateway gateway = through(proxy, db)) {
            long started = System.nanoTime();
            // sleep() is capped at 3 s per block: two one-row blocks are 6 s without a byte, six times idle
            assertThat(gateway.queryAll("SELECT sleep(3) FROM numbers(2) SETTINGS max_block_size = 1")).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(5));
        }
    }
}
