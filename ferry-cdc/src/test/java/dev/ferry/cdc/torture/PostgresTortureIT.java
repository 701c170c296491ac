package dev.ferry.cdc.torture;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The type-and-shape torture suite for PostgreSQL 15 (issue 12, "Done when"): every scenario in every mode
 * ends with {@code ferry validate} equal and no dead letters but the documented ones. One test per
 * (mode, scenario); a failure lists every differing key and column.
 *
 * <p>Cases run two at a time (junit-platform.properties of this module): each has its own databases,
 * replication slot and pipeline, and most of a CDC case is waiting for the stream. Only the cases of this
 * method run side by side; the class as a whole still runs alone.
 */
@FerryIntegrationTest
class PostgresTortureIT {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Scenario> scenarios = List.of(PostgresTypes.numeric(), PostgresTypes.text(), PostgresTypes.temporal(),
                PostgresTypes.temporalRange(), PostgresTypes.other(), PostgresTypes.custom(), PostgresArrays.arrays(),
                PostgresArrays.structuredArrays(), PostgresArrays.notNullArrays(),
                PostgresShapes.toast(), PostgresShapes.partitioned(),
                PostgresShapes.inheritanceWithChildren(), PostgresShapes.inheritanceParentAlone(),
                PostgresShapes.generated(), PostgresShapes.deadLetters());
        return Arrays.stream(Mode.values()).flatMap(mode -> scenarios.stream()
                .filter(s -> CaseFilter.selected("postgres " + mode + " " + s)).map(s -> Arguments.of(mode, s)));
    }

    @ParameterizedTest(name = "postgres {0}: {1}", allowZeroInvocations = true)
    @MethodSource("cases")
    @Execution(ExecutionMode.CONCURRENT)
    void endsEqualToTheSource(Mode mode, Scenario scenario, TestDatabases db) throws Exception {
        new TortureRun(db, new SourceDb(db, SourceDb.Kind.POSTGRES), dir).run(scenario, mode);
    }
}
