package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry sync} and {@code ferry validate} as a user runs them, including the ways a config can be wrong. */
@FerryIntegrationTest
class SyncCommandsIT {

    @TempDir
    Path dir;

    /** A config whose passwords are files, the way a user on a server would keep them. */
    private Path config(TestDatabases db, String extra) throws IOException {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint ch = db.stack().clickhouse();
        Files.writeString(dir.resolve("pg.secret"), pg.password() + "\n");
        Files.writeString(dir.resolve("ch.secret"), ch.password());
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, """
                connections:
                  shop: {type: postgres, host: %s, port: %d, database: %s, user: %s, password: "${file:pg.secret}"}
                  dwh:  {type: clickhouse, url: "%s", database: %s, user: %s, password: "${file:ch.secret}"}
                pipelines:
                  - name: shop
                    source: {connection: shop, include: ["public.*"]}
                    target: {connection: dwh}
                %s""".formatted(pg.host(), pg.port(), db.postgres(), pg.user(), ch.httpUrl(), db.clickhouse(),
                ch.user(), extra));
        return file;
    }

    @Test
    void syncThenValidateThenCatchADifference(TestDatabases db) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO products SELECT g, 'p' || g FROM generate_series(1, 300) g");
        }
        String file = config(db, "").toString();
        CliRun sync = CliRun.of("sync", "--config", file);
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("public.products: snapshot done, 300 rows").contains("synced 300 rows");

        CliRun validate = CliRun.of("validate", "--config", file, "--pipeline", "shop");
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).contains("public.products").contains("EQUAL").contains("all 1 tables equal");

        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("UPDATE products SET name = 'changed' WHERE id = 7");
        }
        CliRun differs = CliRun.of("validate", "--config", file);
        assertThat(differs.exitCode()).isEqualTo(4);
        assertThat(differs.out()).contains("DIFF").contains("values differ: 7").contains("1 of 1 tables differ");
    }

    @Test
    void deadLettersFailSyncAndValidateUntilAccepted(TestDatabases db) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2))");
            st.execute("INSERT INTO prices SELECT g, CASE WHEN g % 25 = 0 THEN 'NaN'::numeric ELSE g END"
                    + " FROM generate_series(1, 100) g");
        }
        String file = config(db, "").toString();
        CliRun sync = CliRun.of("sync", "--config", file);
        assertThat(sync.exitCode()).as(sync.err()).isEqualTo(5);
        assertThat(sync.out()).contains("synced 96 rows").contains("4 rows went to _ferry_dead_letters");
        assertThat(sync.err()).startsWith("ferry: a table sent more rows to the dead letters than max_dead_letters"
                + " allows (everything else was loaded):\n  pipeline shop, table public.prices: 4 of 100 rows read"
                + " (4%) are dead letters, limit 0 (any dead letter fails the run); see them with: SELECT error,"
                + " count() FROM `" + db.clickhouse() + "`.`_ferry_dead_letters` WHERE pipeline = 'shop' AND"
                + " source_table = 'public.prices' GROUP BY error\n");

        CliRun validate = CliRun.of("validate", "--config", file);
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(5);
        assertThat(validate.out()).contains("public.prices                  EQUAL EXCEPT DEAD LETTERS source 100 rows,"
                + " clickhouse 96 rows, 1 chunks, 4 rows that cannot be written (dead letters: " + db.clickhouse()
                + "._ferry_dead_letters)").contains("all 1 tables equal except 4 rows in 1 table that are only dead"
                + " letters; they are not in ClickHouse");
        CliRun accepted = CliRun.of("validate", "--config", file, "--accept-dead-letters");
        assertThat(accepted.exitCode()).as(accepted.out()).isZero();
        assertThat(accepted.out()).contains("that are only dead letters (accepted)");

        CliRun tolerant = CliRun.of("sync", "--config", config(db, "    max_dead_letters: 5%\n").toString());
        assertThat(tolerant.exitCode()).as(tolerant.err()).isZero();
    }

    @Test
    void incrementalSyncSaysWhichRowsItCannotRead(TestDatabases db) throws Exception {
        try (Connection conn = db.postgresConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, updated_at timestamptz)");
            st.execute("INSERT INTO notes VALUES (1, now()), (2, NULL)");
        }
        CliRun sync = CliRun.of("sync", "--config", config(db, "    mode: incremental\n    cursor: updated_at\n")
                .toString());
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        // once as it happens, once more under the summary
        assertThat(sync.out().split("warning: public.notes: 1 row has a NULL updated_at: this snapshot loaded them",
                -1)).hasSize(3);
    }

    @Test
    void badConfigsFailWithFileLineAndField(TestDatabases db) throws Exception {
        Path file = config(db, "    mode: sometimes\n    parallelism: 0\n");
        CliRun run = CliRun.of("sync", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":8: pipelines[0].mode:").contains("sometimes")
                .contains(file + ":9: pipelines[0].parallelism:");

        Files.writeString(file, Files.readString(file).replace("${file:pg.secret}", "hunter2")
                .replace("    mode: sometimes\n    parallelism: 0\n", ""));
        CliRun literal = CliRun.of("sync", "--config", file.toString());
        assertThat(literal.exitCode()).isEqualTo(1);
        assertThat(literal.err()).contains(file + ":2: connections.shop.password: literal password not allowed")
                .doesNotContain("hunter2");

        CliRun missing = CliRun.of("sync", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.yaml").contains("cannot read config");

        CliRun unknownPipeline = CliRun.of("sync", "--config", config(db, "").toString(), "--pipeline", "nosuch");
        assertThat(unknownPipeline.err()).contains("no pipeline 'nosuch'").contains("pipelines: shop");
    }

    @Test
    void wrongPasswordIsOneClearLine(TestDatabases db) throws Exception {
        Path file = config(db, "");
        Files.writeString(dir.resolve("pg.secret"), "wrong-password");
        CliRun run = CliRun.of("sync", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("cannot connect to POSTGRES://ferry@").contains("password authentication failed")
                .doesNotContain("wrong-password");
    }
}
