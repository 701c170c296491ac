package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splitsAtSemicolonsAndDropsEmptyPieces() {
        assertThat(SqlStatements.split("CREATE TABLE a (x Int8) ENGINE = Memory;\n\nINSERT INTO a VALUES (1);;\n"))
                .containsExactly("CREATE TABLE a (x Int8) ENGINE = Memory", "INSERT INTO a VALUES (1)");
        assertThat(SqlStatements.split("SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void semicolonsInStringsQuotedNamesAndCommentsDoNotSplit() {
        String script = """
                INSERT INTO t VALUES ('a;b', 'it''s; fine', 'back\\\\slash\\'; quote');
                SELECT "odd;name", `other;name` FROM t; -- trailing; comment
                /* block; comment */ SELECT 2
                """;
        assertThat(SqlStatements.split(script)).containsExactly(
                "INSERT INTO t VALUES ('a;b', 'it''s; fine', 'back\\\\slash\\'; quote')",
                "SELECT \"odd;name\", `other;name` FROM t",
                "-- trailing; comment\n/* block; comment */ SELECT 2");
    }

    @Test
    void piecesWithOnlyCommentsAreNoStatements() {
        assertThat(SqlStatements.split("-- just a note\n; /* and another */ ;")).isEmpty();
        assertThat(SqlStatements.split("SELECT 1; -- done")).containsExactly("SELECT 1");
    }

    @Test
    void unterminatedQuotesAndCommentsAreReportedWithTheirLine() {
        assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\nSELECT 'open"))
                .hasMessage("string opened with ' on line 2 is never closed");
        assertThatThrownBy(() -> SqlStatements.split("SELECT `x"))
                .hasMessage("quoted name opened with ` on line 1 is never closed");
        assertThatThrownBy(() -> SqlStatements.split("\n\n/* never ends"))
                .hasMessage("comment /* on line 3 is never closed with */");
    }

    @Test
    void templateReferencesStayInTheStatement() {
        assertThat(SqlStatements.split("ALTER TABLE t DROP PARTITION '{{ ds }}'; SELECT {{ params.n }}"))
                .containsExactly("ALTER TABLE t DROP PARTITION '{{ ds }}'", "SELECT {{ params.n }}");
    }
}
