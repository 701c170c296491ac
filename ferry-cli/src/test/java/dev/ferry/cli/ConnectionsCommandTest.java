package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@code ferry connections} that need no server. */
class ConnectionsCommandTest {

    @TempDir
    Path dir;

    @Test
    void generateKeyPrintsOnlyTheKeyOnStdoutAndTheAdviceOnStderr() {
        CliRun run = CliRun.of("connections", "generate-key");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).singleElement()
                .satisfies(key -> assertThat(Base64.getDecoder().decode(key)).hasSize(32));
        assertThat(run.err()).contains("export FERRY_MASTER_KEY=").contains("FERRY_MASTER_KEY_FILE")
                .doesNotContain(run.out().strip());
        assertThat(CliRun.of("connections", "generate-key").out()).isNotEqualTo(run.out());
    }

    @Test
    void generateKeyWritesAnOwnerOnlyFileAndNeverOverwritesOne() throws Exception {
        Path file = dir.resolve("master.key");

        CliRun run = CliRun.of("connections", "generate-key", "--file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file);
        CliRun again = CliRun.of("connections", "generate-key", "--file", file.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(file + " already exists");
        assertThat(Files.readString(file)).isEqualTo(key);
    }

    @Test
    void aPasswordArgumentIsRefusedWithoutBeingEchoed() {
        CliRun run = CliRun.of("connections", "add", "shop", "--type", "postgres", "--host", "db", "--database", "shop",
                "--user", "ferry", "--password", "hunter2", "--config", dir.resolve("ferry.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--password is not accepted").contains("--password-env")
                .doesNotContain("hunter2");
        assertThat(run.out()).doesNotContain("hunter2");
    }

    @Test
    void passwordSourcesExcludeEachOther() {
        CliRun run = CliRun.of("connections", "add", "shop", "--type", "postgres", "--host", "db", "--database", "shop",
                "--user", "ferry", "--password-env", "X", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        CliRun run = CliRun.of("connections", "add", "shop", "--type", "oracle", "--no-password");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--type: expected one of postgres, postgresql, mysql, mariadb, clickhouse, kafka,"
                + " got 'oracle'");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("connections", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("add").contains("list").contains("test").contains("delete")
                .contains("generate-key");
        assertThat(CliRun.of("--help").out()).contains("connections");
    }
}
