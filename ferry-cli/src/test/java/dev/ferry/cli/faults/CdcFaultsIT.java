package dev.ferry.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliRun;
import dev.ferry.clickhouse.ClickHouseEndpoint;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TcpProxy;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ferry cdc} killed with SIGKILL at one point after another on a small table — while it creates its
 * tables and snapshots, right after ADD, RENAME and DROP COLUMN, while ClickHouse is unreachable, while the
 * source is unreachable (both cut through a {@link TcpProxy}) — with changes made while it is down. After
 * every fault the next run catches up and {@code ferry validate} says EQUAL, the current rows have no
 * duplicate key, and the last run, stopped with SIGTERM, exits 0. The long initial snapshot killed half-way
 * and a kill while changes stream are {@code CdcKillIT}'s; clean restarts after every kind of DDL are
 * {@code CdcRestartAfterDdlIT}'s. Before the fix, MariaDB failed every restart after a kill right after
 * ADD COLUMN ... DEFAULT: the resumed reload of the table wrote a column ClickHouse did not have yet.
 */
@FerryIntegrationTest
class CdcFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void killedAtManyPointsEveryRunEndsEqual(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        source.execute("CREATE TABLE items (id int PRIMARY KEY, a varchar(40), v int NOT NULL)", source.postgres()
                ? "INSERT INTO items SELECT g, 'a' || g, g FROM generate_series(1, 2000) g"
                : "INSERT INTO items SELECT seq, concat('a', seq), seq FROM seq_1_to_2000");
        ServerEndpoint ch = db.stack().clickhouse();
        SplittableRandom random = new SplittableRandom(13);
        try (TcpProxy sourceProxy = new TcpProxy(source.server().host(), source.server().port());
                TcpProxy chProxy = new TcpProxy(ch.host(), ch.port());
                FerryProcesses ferry = new FerryProcesses(dir);
                ClickHouseGateway gateway = new ClickHouseGateway(
                        new ClickHouseEndpoint(ch.httpUrl(), db.clickhouse(), ch.user(), ch.password()))) {
            Path config = writeConfig(db, source, sourceProxy.port(), chProxy.port());
            String[] cdc = {"cdc", "--config", config.toString(), "--status-every", "1"};

            // while it creates its tables and loads the initial snapshot
            FerryProcesses.Run run = ferry.start("cdc", cdc);
            FerryProcesses.await("the target table", Duration.ofSeconds(60), run,
                    () -> gateway.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                            + "AND name = 'items'") > 0);
            run.kill();
            changes(source, random, 3);
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            // right after a schema change: before Ferry saw it, or right after it changed the ClickHouse table
            source.execute("ALTER TABLE items ADD COLUMN c int DEFAULT 7", "UPDATE items SET c = id WHERE id <= 50");
            run.kill();
            changes(source, random, 2);
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            source.execute("ALTER TABLE items RENAME COLUMN a TO b", "UPDATE items SET b = 'renamed' WHERE id <= 60");
            FerryProcesses.Run renaming = run;
            FerryProcesses.await("the renamed column in ClickHouse", Duration.ofSeconds(60), renaming,
                    () -> gateway.queryLong("SELECT count() FROM system.columns WHERE database = currentDatabase() "
                            + "AND table = 'items' AND name = 'b'") > 0);
            run.kill();
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            source.execute("ALTER TABLE items DROP COLUMN c", "INSERT INTO items (id, b, v) VALUES (9001, 'x', 1)");
            run.kill();
            changes(source, random, 2);
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            // ClickHouse unreachable while changes come, killed before it is back
            chProxy.cut();
            changes(source, random, 3);
            run.kill();
            chProxy.restore();
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            // the source unreachable (its connections dropped), killed before it is back
            sourceProxy.cut();
            changes(source, random, 3); // straight to the source: the test does not use the proxy
            run.kill();
            sourceProxy.restore();
            run = restartUntilEqual(ferry, cdc, source, gateway, config);

            run.stopCleanly();
            assertThat(run.output()).contains("SIGTERM: stopping");
            assertThat(gateway.queryLong("SELECT count() - uniqExact(id) FROM items_current")).isZero();
        } finally {
            source.dropSlot("ferry_" + db.name());
        }
    }

    /** Starts {@code ferry cdc} again and waits until the current rows match and {@code ferry validate} says EQUAL. */
    private static FerryProcesses.Run restartUntilEqual(FerryProcesses ferry, String[] cdc, SourceDb source,
            ClickHouseGateway gateway, Path config) throws Exception {
        FerryProcesses.Run run = ferry.start("cdc", cdc);
        FerryProcesses.await("ClickHouse equal to the source", Duration.ofSeconds(120), run, () -> {
            run.assertAlive();
            List<List<String>> expected = source.rows("SELECT id, v FROM items ORDER BY id");
            if (!gateway.queryAll("SELECT toString(id), toString(v) FROM items_current ORDER BY id").equals(expected)) {
                return false;
            }
            CliRun validate = CliRun.of("validate", "--config", config.toString());
            return validate.exitCode() == 0 && validate.out().contains("all 1 tables equal");
        });
        assertThat(gateway.queryLong("SELECT count() - uniqExact(id) FROM items_current"))
                .as("duplicate current rows").isZero();
        return run;
    }

    private Path writeConfig(TestDatabases db, SourceDb source, int sourcePort, int chPort) throws Exception {
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("src.secret"), source.server().password());
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                state_dir: %s
                connections:
                  src: {type: %s, host: 127.0.0.1, port: %d, database: %s, user: %s, password: "${file:src.secret}"}
                  ch: {type: clickhouse, url: "http://127.0.0.1:%d", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: %s
                    source: {connection: src, tables: [%s]}
                    target: {connection: ch}
                    mode: cdc
                    batch: {rows: 200, interval: 200ms}
                """.formatted(dir.resolve("state"), source.postgres() ? "postgres" : "mariadb", sourcePort,
                source.database(), source.server().user(), chPort, db.clickhouse(), ch.user(), db.name(),
                source.qualified("items")));
        return config;
    }

    /** {@code transactions} transactions of 30 random updates, deletes and inserts each. */
    private static void changes(SourceDb source, SplittableRandom random, int transactions) throws Exception {
        String insert = source.postgres() ? "INSERT INTO items (id, v) VALUES (%d, 0) ON CONFLICT (id) DO NOTHING"
                : "INSERT IGNORE INTO items (id, v) VALUES (%d, 0)";
        try (Connection conn = source.connect(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            for (int t = 0; t < transactions; t++) {
                for (int i = 0; i < 30; i++) {
                    int id = 1 + random.nextInt(3000);
                    switch (random.nextInt(3)) {
                        case 0 -> st.execute("UPDATE items SET v = v + 1 WHERE id = " + id);
                        case 1 -> st.execute("DELETE FROM items WHERE id = " + id);
                        default -> st.execute(insert.formatted(id));
                    }
                }
                conn.commit();
            }
        }
    }
}
