package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.orchestrator.task.types.Expectation.Op;
import dev.ferry.orchestrator.task.types.Expectation.Subject;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    private static QueryResult value(String value) {
        return new QueryResult(List.of("v"), List.of(Collections.singletonList(value)), 1);
    }

    private static QueryResult rows(long count) {
        return new QueryResult(List.of("a", "b"), count == 0 ? List.of() : List.of(Arrays.asList("1", "x")), count);
    }

    @Test
    void comparisonsOfTheValue() {
        assertThat(Expectation.parse("> 0").holds("5")).isTrue();
        assertThat(Expectation.parse("> 0").holds("0")).isFalse();
        assertThat(Expectation.parse(">= 5").holds("5")).isTrue();
        assertThat(Expectation.parse("<10").holds("9.99")).isTrue();
        assertThat(Expectation.parse("<= 10").holds("10.0")).isTrue();
        assertThat(Expectation.parse("= 100").holds("100.00")).isTrue();
        assertThat(Expectation.parse("== 100").holds("101")).isFalse();
        assertThat(Expectation.parse("!= 0").holds("0")).isFalse();
        assertThat(Expectation.parse("<> 0").holds("1")).isTrue();
        assertThat(Expectation.parse("100").holds("100")).isTrue();
        assertThat(Expectation.parse("between 1 and 10").holds("10")).isTrue();
        assertThat(Expectation.parse("BETWEEN 1 AND 10").holds("10.5")).isFalse();
        assertThat(Expectation.parse("between -5 and 0.5").holds("-5")).isTrue();
    }

    @Test
    void textComparesOnlyForEquality() {
        assertThat(Expectation.parse("= 'ok'").holds("ok")).isTrue();
        assertThat(Expectation.parse("= ok").holds("OK")).isFalse();
        assertThat(Expectation.parse("!= \"failed\"").holds("ok")).isTrue();
        assertThat(Expectation.parse("> 0").holds("abc")).isFalse();
        assertThat(Expectation.parse("> 0").test(value("abc")).actual()).isEqualTo("abc (not a number)");
    }

    @Test
    void nulls() {
        assertThat(Expectation.parse("is null").holds(null)).isTrue();
        assertThat(Expectation.parse("IS NOT NULL").holds(null)).isFalse();
        assertThat(Expectation.parse("> 0").holds(null)).isFalse();
        assertThat(Expectation.parse("> 0").test(value(null))).isEqualTo(new Expectation.Verdict(false, "NULL"));
    }

    @Test
    void rowCounts() {
        Expectation none = Expectation.parse("no_rows");
        assertThat(none.subject()).isEqualTo(Subject.ROWS);
        assertThat(none.test(rows(0))).isEqualTo(new Expectation.Verdict(true, "0"));
        assertThat(none.test(rows(3))).isEqualTo(new Expectation.Verdict(false, "3"));
        assertThat(Expectation.parse("rows = 5").test(rows(5)).passed()).isTrue();
        assertThat(Expectation.parse("rows>=1").test(rows(0)).passed()).isFalse();
        assertThat(Expectation.parse("rows between 1 and 12").test(rows(12)).passed()).isTrue();
        assertThat(Expectation.rows(5)).satisfies(rows -> {
            assertThat(rows.op()).isEqualTo(Op.EQ);
            assertThat(rows.test(rows(5)).passed()).isTrue();
            assertThat(rows.toString()).isEqualTo("rows = 5");
        });
    }

    @Test
    void aValueCheckNeedsExactlyOneValue() {
        Expectation positive = Expectation.parse("> 0");
        assertThat(positive.test(rows(0)).passed()).isFalse();
        assertThat(positive.test(rows(0)).actual()).startsWith("no rows");
        assertThat(positive.test(rows(2)).actual()).startsWith("2 rows of 2 columns");
        assertThat(positive.test(value("3"))).isEqualTo(new Expectation.Verdict(true, "3"));
    }

    @Test
    void badSyntaxSaysWhatIsExpected() {
        assertThatThrownBy(() -> Expectation.parse("")).hasMessageStartingWith("expected a comparison such as");
        assertThatThrownBy(() -> Expectation.parse("> lots")).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> Expectation.parse("between 1 and")).hasMessageContaining("expected a comparison");
        assertThatThrownBy(() -> Expectation.parse("between 10 and 1")).hasMessageContaining("lower bound is above");
        assertThatThrownBy(() -> Expectation.parse("rows > many")).hasMessageContaining("'many' is not a number");
        assertThatThrownBy(() -> Expectation.parse("rows = 1.5")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Expectation.parse("is nothing")).hasMessageContaining("expected a comparison");
        assertThatThrownBy(() -> Expectation.parse("about 5")).hasMessageContaining("expected a comparison");
        assertThat(Expectation.parse("'ok'").holds("ok")).isTrue();
    }
}
