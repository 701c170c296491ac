package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import dev.ferry.testing.SourceDb;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random workload of 100,000 inserts, updates, deletes and key changes, applied while Ferry streams;
 * ClickHouse's current state must end equal to the source, row by row.
 */
@FerryIntegrationTest
class CdcWorkloadIT {

    private static final int CHANGES = 100_000;
    private static final int KEY_SPACE = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void randomWorkloadEndsEqualRowByRow(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        ServerEndpoint ch = db.stack().clickhouse();
        source.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance decimal(12,2) NOT NULL, "
                + "note varchar(20))", source.postgres()
                ? "INSERT INTO accounts SELECT g, g, 'start' FROM generate_series(1, 5000) g"
                : "INSERT INTO accounts SELECT seq, seq, 'start' FROM seq_1_to_5000");
        Files.writeString(dir.resolve("ferry.yaml"), """
                connections:
                  %s
                  ch: {type: clickhouse, url: "%s", database: %s, user: %s, password: "${env:CH_PASSWORD}"}
                pipelines:
                  - name: %s
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                """.formatted(source.connectionYaml("src", "${env:SRC_PASSWORD}"), ch.httpUrl(), db.clickhouse(),
                ch.user(), db.name(), source.qualified("accounts")));
        FerryConfig config = ConfigLoader.load(dir.resolve("ferry.yaml"),
                Map.of("SRC_PASSWORD", source.server().password(), "CH_PASSWORD", ch.password()));
        try (ClickHouseGateway gateway = new ClickHouseGateway(
                new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()));
                CdcRunner runner = new CdcRunner(config, config.requirePipeline(db.name()))) {
            runner.start();
            long applied = runWorkload(source, new SplittableRandom(7));
            assertThat(applied).isGreaterThanOrEqualTo(CHANGES);
            awaitEqual(source, gateway, runner);
            // the stream brought the changes, not a re-read; MariaDB logs no row for an update that changes
            // nothing (its driver still counts it), so the two counts differ a little there
            assertThat(runner.applied()).isGreaterThan(CHANGES * 9L / 10);
        } finally {
            source.dropSlot(PostgresCdcSource.slotName(db.name()));
        }
    }

    /** Returns the number of rows changed at the source (each statement affects 0 or 1 row). */
    private static long runWorkload(SourceDb source, SplittableRandom random) throws Exception {
        long changed = 0;
        try (Connection conn = source.connect()) {
            conn.setAutoCommit(false);
            // a key change that would collide does nothing, in each dialect
            try (PreparedStatement insert = conn.prepareStatement(source.postgres()
                    ? "INSERT INTO accounts VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
                    : "INSERT IGNORE INTO accounts VALUES (?, ?, ?)");
                    PreparedStatement update = conn.prepareStatement("UPDATE accounts SET balance = ?, note = ? WHERE id = ?");
                    PreparedStatement delete = conn.prepareStatement("DELETE FROM accounts WHERE id = ?");
                    PreparedStatement move = conn.prepareStatement(source.postgres()
                            ? "UPDATE accounts SET id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = ?)"
                            : "UPDATE IGNORE accounts SET id = ? WHERE id = ?")) {
                while (changed < CHANGES) {
                    for (int i = 0; i < 500; i++) {
                        long id = 1 + random.nextInt(KEY_SPACE);
                        int op = random.nextInt(100);
                        if (op < 35) {
                            insert.setLong(1, id);
                            insert.setBigDecimal(2, java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                            insert.setString(3, random.nextBoolean() ? null : "n" + random.nextInt(1000));
                            changed += insert.executeUpdate();
                        } else if (op < 80) {
                            update.setBigDecimal(1, java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                            update.setString(2, "u" + random.nextInt(1000));
                            update.setLong(3, id);
                            changed += update.executeUpdate();
                        } else if (op < 95) {
                            delete.setLong(1, id);
                            changed += delete.executeUpdate();
                        } else {
                            long to = 1 + random.nextInt(KEY_SPACE);
                            move.setLong(1, to);
                            move.setLong(2, id);
                            if (source.postgres()) {
                                move.setLong(3, to);
                            }
                            changed += move.executeUpdate();
                        }
                    }
                    conn.commit();
                }
            }
        }
        return changed;
    }

    private static void awaitEqual(SourceDb source, ClickHouseGateway gateway, CdcRunner runner) throws Exception {
        List<List<String>> expected = source.rows("SELECT id, balance, note FROM accounts ORDER BY id");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<List<String>> actual = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(runner.failure()).isNull();
            actual = gateway.queryAll("SELECT toString(id), toString(balance), note FROM accounts_current ORDER BY id");
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(actual).hasSameSizeAs(expected).isEqualTo(expected);
    }
}
