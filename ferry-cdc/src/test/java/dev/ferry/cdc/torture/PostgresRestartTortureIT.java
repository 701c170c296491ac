package dev.ferry.cdc.torture;

import dev.ferry.cdc.torture.RestartRun.When;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL CDC restarted after each kind of DDL, made while streaming and while stopped (issue 12
 * defect 6). PostgreSQL's logical replication carries no DDL, so a stored position can never lie before a
 * DDL that a schema history already holds: the binlog-only "just before the stop" case is MariaDB's.
 * Cases run two at a time (see {@link PostgresTortureIT}).
 */
@FerryIntegrationTest
class PostgresRestartTortureIT {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Arrays.stream(DdlKind.values()).flatMap(ddl -> Stream.of(When.WHILE_RUNNING, When.WHILE_STOPPED)
                .filter(when -> CaseFilter.selected("postgres " + ddl + " " + when))
                .map(when -> Arguments.of(ddl, when)));
    }

    @ParameterizedTest(name = "postgres {0} {1}, then restart", allowZeroInvocations = true)
    @MethodSource("cases")
    @Execution(ExecutionMode.CONCURRENT)
    void restartsCleanlyAfterTheSchemaChange(DdlKind ddl, When when, TestDatabases db) throws Exception {
        RestartRun.run(SourceDb.Kind.POSTGRES, ddl, when, db, dir);
    }
}
