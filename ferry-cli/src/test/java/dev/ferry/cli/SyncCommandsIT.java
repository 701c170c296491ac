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
