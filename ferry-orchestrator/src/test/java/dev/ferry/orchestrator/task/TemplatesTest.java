package dev.ferry.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private static final Map<String, Object> VALUES = Map.of("params", Map.of("name", "it's a \\ `x`", "id", 7L),
            "ds", "2026-01-31");

    @Test
    void filtersQuoteForClickHouseAndBash() {
        assertThat(Templates.render("{{ params.name | sql_string }}", VALUES)).isEqualTo("'it\\'s a \\\\ `x`'");
        assertThat(Templates.render("{{params.name|sql_identifier}}", VALUES)).isEqualTo("`it's a \\\\ \\`x\\``");
        assertThat(Templates.render("echo {{ params.name | shell }}", VALUES)).isEqualTo("echo 'it'\\''s a \\ `x`'");
    }

    @Test
    void stringParamsMustBeQuotedInSqlAndCommandsOthersNeedNot() {
        Set<String> strings = Set.of("name");
        assertThat(Templates.render("WHERE id = {{ params.id }} AND d = '{{ ds }}'", VALUES, TemplateQuoting.SQL,
                strings)).isEqualTo("WHERE id = 7 AND d = '2026-01-31'");
        assertThatThrownBy(() -> Templates.render("WHERE n = '{{ params.name }}'", VALUES, TemplateQuoting.SQL,
                strings)).isInstanceOf(FerryException.class).hasMessageContaining("| sql_string");
        assertThatThrownBy(() -> Templates.render("echo {{ params.name | sql_string }}", VALUES,
                TemplateQuoting.SHELL, strings)).hasMessageContaining("use | shell");
        assertThatThrownBy(() -> Templates.render("echo {{ params.name }}", VALUES, TemplateQuoting.SHELL, strings))
                .hasMessageContaining("$FERRY_PARAM_NAME");
        assertThat(Templates.render("{{ params.name }}", VALUES)).isEqualTo("it's a \\ `x`");
    }
}
