package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry connections} as a user runs it against the test stack: a key, connections added with their
 * passwords from files, listed without them, tested for real, used by name from a pipeline, deleted.
 */
@FerryIntegrationTest
class ConnectionsCommandIT {

    @TempDir
    Path dir;

    /** The pipeline names connections that only the registry will hold; the key comes through the config. */
    private Path config(String keyFile) throws Exception {
        return Files.writeString(dir.resolve(keyFile + ".yaml"), """
                state_dir: state
                orchestrator:
                  master_key: "${file:%s}"
                pipelines:
                  - name: shop
                    source: {connection: shop_reg, include: ["public.*"]}
                    target: {connection: dwh_reg}
                """.formatted(keyFile));
    }

    @Test
    void addListTestUseByNameAndDelete(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("pg.secret"), pg.password() + "\n");
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Files.writeString(dir.resolve("wrong.secret"), "Wrong-Passw0rd-1234");
        assertThat(CliRun.of("connections", "generate-key", "--file", dir.resolve("master.key").toString()).exitCode())
                .isZero();
        String config = config("master.key").toString();

        // added while the pipeline already names them: commands of the registry read no pipelines
        CliRun addPg = CliRun.of("connections", "add", "shop_reg", "--config", config, "--type", "postgres",
                "--host", pg.host(), "--port", String.valueOf(pg.port()), "--database", db.postgres(),
                "--user", pg.user(), "--password-file", dir.resolve("pg.secret").toString(),
                "--description", "the shop database");
        assertThat(addPg.exitCode()).as(addPg.err()).isZero();
        assertThat(addPg.out()).contains("added connection 'shop_reg' (postgres, " + pg.host() + ":" + pg.port() + "/"
                + db.postgres() + ")").contains("password encrypted");
        CliRun addCh = CliRun.of("connections", "add", "dwh_reg", "--config", config, "--type", "clickhouse",
                "--url", ch.httpUrl(), "--database", db.clickhouse(), "--user", ch.user(),
                "--password-file", dir.resolve("ch.secret").toString());
        assertThat(addCh.exitCode()).as(addCh.err()).isZero();
        CliRun addWrong = CliRun.of("connections", "add", "wrong_pg", "--config", config, "--type", "mariadb",
                "--host", pg.host(), "--port", String.valueOf(pg.port()), "--database", db.postgres(),
                "--user", pg.user(), "--password-file", dir.resolve("wrong.secret").toString());
        assertThat(addWrong.exitCode()).as(addWrong.err()).isZero();
        CliRun again = CliRun.of("connections", "add", "shop_reg", "--config", config, "--type", "postgres",
                "--host", "elsewhere", "--database", "x", "--user", "y", "--no-password");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("connection 'shop_reg' already exists").contains("--replace");
        CliRun unsetVariable = CliRun.of("connections", "add", "other", "--config", config, "--type", "postgres",
                "--host", "h", "--database", "d", "--user", "u", "--password-env", "FERRY_TEST_SURELY_UNSET_VARIABLE");
        assertThat(unsetVariable.exitCode()).isEqualTo(1);
        assertThat(unsetVariable.err()).contains("environment variable FERRY_TEST_SURELY_UNSET_VARIABLE is not set");

        CliRun list = CliRun.of("connections", "list", "--config", config);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(4);
        assertThat(list.out()).contains("NAME").contains("DESCRIPTION")
                .containsPattern("shop_reg +postgres +" + pg.host() + ":" + pg.port() + " +" + db.postgres() + " +"
                        + pg.user() + " +the shop database")
                .containsPattern("dwh_reg +clickhouse +" + ch.host() + ":" + ch.port() + " +" + db.clickhouse())
                .doesNotContain(pg.password()).doesNotContain(ch.password()).doesNotContain("Wrong-Passw0rd");

        CliRun testPg = CliRun.of("connections", "test", "shop_reg", "--config", config);
        assertThat(testPg.exitCode()).as(testPg.err()).isZero();
        assertThat(testPg.out()).contains("connection 'shop_reg' (postgres").contains(" ok: PostgreSQL 1");
        CliRun testCh = CliRun.of("connections", "test", "dwh_reg", "--config", config);
        assertThat(testCh.exitCode()).as(testCh.err()).isZero();
        assertThat(testCh.out()).contains("connection 'dwh_reg' (clickhouse").contains(" ok: ClickHouse 1");
        CliRun testWrong = CliRun.of("connections", "test", "wrong_pg", "--config", config);
        assertThat(testWrong.exitCode()).isEqualTo(1);
        assertThat(testWrong.err()).contains("connection 'wrong_pg' (mysql").contains("failed: cannot connect")
                .doesNotContain("Wrong-Passw0rd");

        // a pipeline using both registry connections by name syncs and validates
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO products SELECT g, 'p' || g FROM generate_series(1, 25) g");
        }
        CliRun sync = CliRun.of("sync", "--config", config);
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("public.products: snapshot done, 25 rows");
        assertThat(db.clickhouseHttp().execute("SELECT count() FROM " + db.clickhouse() + ".products").strip())
                .isEqualTo("25");
        CliRun validate = CliRun.of("validate", "--config", config);
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("all 1 tables equal");

        // the same store under another key: the connections cannot be read, and the error says why
        assertThat(CliRun.of("connections", "generate-key", "--file", dir.resolve("other.key").toString()).exitCode())
                .isZero();
        String otherConfig = config("other.key").toString();
        CliRun wrongKey = CliRun.of("sync", "--config", otherConfig);
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("pipelines[0].source.connection: connection 'shop_reg' was encrypted with"
                + " master key id ").contains("set FERRY_MASTER_KEY").doesNotContain(pg.password());
        CliRun listOtherKey = CliRun.of("connections", "list", "--config", otherConfig);
        assertThat(listOtherKey.exitCode()).as("listing needs no key").isZero();
        assertThat(listOtherKey.out()).contains("shop_reg");

        CliRun delete = CliRun.of("connections", "delete", "dwh_reg", "--config", config);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("deleted connection 'dwh_reg'");
        assertThat(CliRun.of("connections", "list", "--config", config).out()).doesNotContain("dwh_reg")
                .contains("shop_reg");
        CliRun deleteAgain = CliRun.of("connections", "delete", "dwh_reg", "--config", config);
        assertThat(deleteAgain.exitCode()).isEqualTo(1);
        assertThat(deleteAgain.err()).contains("no connection 'dwh_reg'");
        CliRun syncWithout = CliRun.of("sync", "--config", config);
        assertThat(syncWithout.exitCode()).isEqualTo(1);
        assertThat(syncWithout.err()).contains("pipelines[0].target.connection: unknown connection 'dwh_reg'")
                .contains("none in the connection registry");

        // the store's file holds no password in the clear (H2 does not compress it)
        String raw = new String(Files.readAllBytes(dir.resolve("state/orchestrator/metadata.mv.db")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("shop_reg").doesNotContain(pg.password()).doesNotContain("Wrong-Passw0rd");
    }

    @Test
    void kafkaIsTestedWithAShortTimeout(TestDatabases db) throws Exception {
        assertThat(CliRun.of("connections", "generate-key", "--file", dir.resolve("master.key").toString()).exitCode())
                .isZero();
        String config = config("master.key").toString();
        CliRun add = CliRun.of("connections", "add", "events", "--config", config, "--type", "kafka",
                "--bootstrap", db.stack().kafkaBootstrap());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("without a password");

        CliRun test = CliRun.of("connections", "test", "events", "--config", config);
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("connection 'events' (kafka").containsPattern(" ok: Kafka cluster \\S+, 1 broker");

        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            CliRun addDead = CliRun.of("connections", "add", "dead", "--config", config, "--type", "kafka",
                    "--bootstrap", "127.0.0.1:" + port);
            assertThat(addDead.exitCode()).as(addDead.err()).isZero();
            long started = System.nanoTime();
            CliRun dead = CliRun.of("connections", "test", "dead", "--config", config);
            assertThat(dead.exitCode()).isEqualTo(1);
            assertThat(dead.err()).contains("cannot reach Kafka at 127.0.0.1:" + port + " within 10 s");
            assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
        }
    }
}
