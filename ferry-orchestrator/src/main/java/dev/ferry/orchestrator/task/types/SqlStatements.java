package dev.ferry.orchestrator.task.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons that end them. A semicolon inside a string
 * ({@code '...'}), a quoted name ({@code "..."}, {@code `...`}) or a comment ({@code -- ...},
 * {@code /* ... *}{@code /}) does not end a statement. Both escape styles ClickHouse accepts inside quotes
 * are honoured: a backslash and a doubled quote. Comments stay in the statement text (the server ignores
 * them); a piece holding only comments and blanks is no statement.
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    /** @throws IllegalArgumentException for an unterminated string, quoted name or comment, naming its line */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int line = 1;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            int end;
            if (c == '\'' || c == '"' || c == '`') {
                end = quotedEnd(script, i, line);
                hasCode = true;
            } else if (c == '-' && script.startsWith("--", i)) {
                int newline = script.indexOf('\n', i);
                end = newline < 0 ? script.length() : newline;
            } else if (c == '/' && script.startsWith("/*", i)) {
                int close = script.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("comment /* on line " + line + " is never closed with */");
                }
                end = close + 2;
            } else if (c == ';') {
                add(statements, current, hasCode);
                current.setLength(0);
                hasCode = false;
                i++;
                continue;
            } else {
                end = i + 1;
                hasCode |= !Character.isWhitespace(c);
            }
            String piece = script.substring(i, end);
            current.append(piece);
            line += (int) piece.chars().filter(ch -> ch == '\n').count();
            i = end;
        }
        add(statements, current, hasCode);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current, boolean hasCode) {
        String statement = current.toString().strip();
        if (hasCode && !statement.isEmpty()) {
            statements.add(statement);
        }
    }

    /** Index just after the quote that closes the one at {@code start}. */
    private static int quotedEnd(String script, int start, int line) {
        char quote = script.charAt(start);
        int i = start + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < script.length() && script.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        String what = quote == '\'' ? "string" : "quoted name";
        throw new IllegalArgumentException(what + " opened with " + quote + " on line " + line + " is never closed");
    }
}
