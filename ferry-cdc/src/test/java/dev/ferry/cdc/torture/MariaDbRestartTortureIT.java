package dev.ferry.cdc.torture;

import dev.ferry.cdc.torture.RestartRun.When;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB CDC restarted after each kind of DDL, made while streaming, as the last event before a clean
 * stop (the exact shape of issue 12 defect 6), and while stopped. One case at a time: see
 * {@link MariaDbTortureIT}.
 */
@FerryIntegrationTest
class MariaDbRestartTortureIT {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Arrays.stream(DdlKind.values()).flatMap(ddl -> Arrays.stream(When.values())
                .filter(when -> CaseFilter.selected("mariadb " + ddl + " " + when))
                .map(when -> Arguments.of(ddl, when)));
    }

    @ParameterizedTest(name = "mariadb {0} {1}, then restart", allowZeroInvocations = true)
    @MethodSource("cases")
    void restartsCleanlyAfterTheSchemaChange(DdlKind ddl, When when, TestDatabases db) throws Exception {
        RestartRun.run(SourceDb.Kind.MARIADB, ddl, when, db, dir);
    }
}
