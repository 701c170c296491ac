package dev.ferry.cdc.torture;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The type-and-shape torture suite for MariaDB 10.11 (issue 12, "Done when"): every scenario in every mode
 * ends with {@code ferry validate} equal and no dead letters but the documented ones. One test per
 * (mode, scenario); a failure lists every differing key and column.
 *
 * <p>INET4 and INET6, which Debezium cannot read, are checked in snapshot and incremental mode; that a CDC
 * pipeline refuses them before it starts, naming the table and columns, is CdcRealWorldIT's.
 */
@FerryIntegrationTest
class MariaDbTortureIT {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Scenario> scenarios = List.of(MariaDbTypes.numeric(), MariaDbTypes.text(), MariaDbTypes.uuid(),
                MariaDbTypes.inet(), MariaDbTypes.temporal(), MariaDbTypes.temporalRange(), MariaDbTypes.spatial(),
                MariaDbShapes.large(), MariaDbShapes.partitioned(), MariaDbShapes.generated(),
                MariaDbShapes.deadLetters());
        return Arrays.stream(Mode.values()).flatMap(mode -> scenarios.stream()
                .filter(s -> mode != Mode.CDC || !s.toString().startsWith("inet"))
                .filter(s -> CaseFilter.selected("mariadb " + mode + " " + s)).map(s -> Arguments.of(mode, s)));
    }

    @ParameterizedTest(name = "mariadb {0}: {1}", allowZeroInvocations = true)
    @MethodSource("cases")
    void endsEqualToTheSource(Mode mode, Scenario scenario, TestDatabases db) throws Exception {
        new TortureRun(db, new SourceDb(db, SourceDb.Kind.MARIADB), dir).run(scenario, mode);
    }
}
