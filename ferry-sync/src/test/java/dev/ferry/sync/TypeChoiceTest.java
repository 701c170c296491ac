package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.ServerVersion;
import dev.ferry.clickhouse.types.ChType;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.core.schema.TableId;
import dev.ferry.core.schema.TableSpec;
import dev.ferry.core.schema.TemporalRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which rung of a date column's ladder each kind of run picks, given what the target has and what the source
 * holds. The table is shaped like the MySQL employees sample's {@code employees}; the "target" and the
 * "source values" are plain maps, as the catalog and the MIN/MAX query would report them.
 */
class TypeChoiceTest {

    private static final ServerCapabilities OLD = ServerCapabilities.of(ServerVersion.parse("18.16.1"));
    private static final ServerCapabilities MODERN = ServerCapabilities.of(ServerVersion.parse("24.3.1"));

    private static final TableSpec EMPLOYEES = new TableSpec(new TableId("employees", "employees"), List.of(
            new ColumnSpec("emp_no", LogicalType.of(LogicalKind.INT32, "int"), false, null),
            new ColumnSpec("birth_date", LogicalType.of(LogicalKind.DATE, "date"), false, null),
            new ColumnSpec("first_name", LogicalType.of(LogicalKind.STRING, "varchar(14)"), false, null),
            new ColumnSpec("hire_date", LogicalType.of(LogicalKind.DATE, "date"), false, null)),
            List.of("emp_no"), null);

    private static final TemporalRange BIRTHS = TemporalRange.of(LocalDate.parse("1952-02-02"),
            LocalDate.parse("1965-02-01"));
    private static final TemporalRange HIRES = TemporalRange.of(LocalDate.parse("1985-01-01"),
            LocalDate.parse("2000-01-28"));

    /** What the source's MIN/MAX query reports, and which columns it was asked about. */
    private final List<List<String>> probed = new ArrayList<>();
    private final Map<String, TemporalRange> values = new HashMap<>(Map.of("birth_date", BIRTHS, "hire_date", HIRES));
    private final Map<String, String> target = new HashMap<>();

    private final TypeChoice.RangeProbe probe = (table, columns) -> {
        probed.add(columns.stream().map(ColumnSpec::name).toList());
        Map<String, TemporalRange> ranges = new HashMap<>();
        columns.forEach(c -> ranges.put(c.name(), values.get(c.name())));
        return ranges;
    };

    private List<String> choose(TypeChoice choice, ServerCapabilities caps) {
        return choice.choose(EMPLOYEES, "hr", "employees", Set.of("emp_no"), caps).stream().map(ChType::sql).toList();
    }

    private TypeChoice follow() {
        return TypeChoice.followTarget((db, table) -> target, probe);
    }

    private TypeChoice snapshot(boolean full) {
        return TypeChoice.forSnapshot((db, table) -> target, probe, full);
    }

    @Test
    void aNewTableGetsTheNarrowestTypeThatHoldsEachColumnFromOneQuery() {
        assertThat(choose(follow(), OLD)).containsExactly("Int32", "String", "String", "Date");
        assertThat(choose(follow(), MODERN)).containsExactly("Int32", "Date32", "String", "Date");
        assertThat(probed).containsExactly(List.of("birth_date", "hire_date"), List.of("birth_date", "hire_date"));
    }

    @Test
    void anExistingTargetKeepsItsTypesWithoutLookingAtTheValues() {
        target.putAll(Map.of("emp_no", "Int32", "birth_date", "String", "first_name", "String", "hire_date", "Date"));
        // even a value that the target's type cannot hold does not change it: that row becomes a dead letter
        values.put("hire_date", TemporalRange.of(LocalDate.parse("1969-12-31"), LocalDate.parse("2000-01-28")));
        assertThat(choose(follow(), OLD)).containsExactly("Int32", "String", "String", "Date");
        assertThat(probed).isEmpty();
    }

    @Test
    void onlyColumnsTheTargetLacksOrHasWithAnotherKindOfTypeAreDecidedByValue() {
        // hire_date was an int before the source changed it; birth_date is new
        target.putAll(Map.of("emp_no", "Int32", "first_name", "String", "hire_date", "Int32"));
        assertThat(choose(follow(), MODERN)).containsExactly("Int32", "Date32", "String", "Date");
        assertThat(probed).containsExactly(List.of("birth_date", "hire_date"));
    }

    @Test
    void aSnapshotKeepsWhatStillHoldsTheValuesAndWidensWhatDoesNot() {
        target.putAll(Map.of("birth_date", "Date", "hire_date", "String"));
        assertThat(choose(snapshot(false), OLD)).containsExactly("Int32", "String", "String", "String");
        // text holds anything: only the Date column's values had to be looked at
        assertThat(probed).containsExactly(List.of("birth_date"));
    }

    @Test
    void aFullSyncDecidesFromTheValuesAlone() {
        // text columns made while the server was 18.x stay text after its upgrade until a full sync
        target.putAll(Map.of("birth_date", "String", "hire_date", "String"));
        assertThat(choose(snapshot(false), MODERN)).containsExactly("Int32", "String", "String", "String");
        assertThat(probed).isEmpty();
        assertThat(choose(snapshot(true), MODERN)).containsExactly("Int32", "Date32", "String", "Date");
        assertThat(probed).containsExactly(List.of("birth_date", "hire_date"));
    }

    @Test
    void tablesWithoutDatesAreNeverQueried() {
        TableSpec plain = new TableSpec(new TableId("s", "t"), List.of(
                new ColumnSpec("id", LogicalType.of(LogicalKind.INT64, "bigint"), false, null)), List.of("id"), null);
        assertThat(follow().choose(plain, "db", "t", Set.of("id"), MODERN)).extracting(ChType::sql)
                .containsExactly("Int64");
        assertThat(probed).isEmpty();
    }
}
