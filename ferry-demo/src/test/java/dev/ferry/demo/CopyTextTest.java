package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void escapesCharactersThatWouldEndAColumnOrRow() {
        assertThat(CopyText.escape("a\tb")).isEqualTo("a\\tb");
        assertThat(CopyText.escape("line1\nline2\r\n")).isEqualTo("line1\\nline2\\r\\n");
        assertThat(CopyText.escape("C:\\dir")).isEqualTo("C:\\\\dir");
        assertThat(CopyText.escape("\b\f\u000B")).isEqualTo("\\b\\f\\v");
    }

    @Test
    void nullIsTheNullMarkerButTheTextBackslashNIsNot() {
        assertThat(CopyText.escape(null)).isEqualTo("\\N");
        // a literal backslash-N must not be read back as NULL
        assertThat(CopyText.escape("\\N")).isEqualTo("\\\\N");
        assertThat(CopyText.escape("")).isEmpty();
    }

    @Test
    void leavesOrdinaryAndUnicodeTextAlone() {
        assertThat(CopyText.escape("Café Zoë 🚲 «Ромашка» O'Brien \"x\"")).isEqualTo("Café Zoë 🚲 «Ромашка» O'Brien \"x\"");
    }

    @Test
    void arrayLiteralQuotesOnlyWhereNeeded() {
        assertThat(CopyText.arrayLiteral(List.of("eco", "bestseller"))).isEqualTo("{eco,bestseller}");
        assertThat(CopyText.arrayLiteral(List.of("kids, 3+", "27\" screen", "a\\b")))
                .isEqualTo("{\"kids, 3+\",\"27\\\" screen\",\"a\\\\b\"}");
        assertThat(CopyText.arrayLiteral(List.of("{x}", "", "null", " pad "))).isEqualTo("{\"{x}\",\"\",\"null\",\" pad \"}");
        assertThat(CopyText.arrayLiteral(List.of())).isEqualTo("{}");
    }

    @Test
    void arrayNullsAndNullArrays() {
        assertThat(CopyText.arrayLiteral(Arrays.asList("a", null))).isEqualTo("{a,NULL}");
        assertThat(CopyText.arrayLiteral(null)).isNull();
    }

    @Test
    void arrayLiteralIsCopyEscapedAsAWhole() {
        // the array parser's backslashes are themselves escaped for COPY: one layer per parser
        String column = CopyText.escape(CopyText.arrayLiteral(List.of("27\" screen", "tab\there")));
        assertThat(column).isEqualTo("{\"27\\\\\" screen\",\"tab\\there\"}");
    }
}
