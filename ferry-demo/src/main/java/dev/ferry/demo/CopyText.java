package dev.ferry.demo;

import java.util.List;

/**
 * Encodes values for PostgreSQL's COPY text format: columns separated by tabs, rows by newlines, NULL
 * as {@code \N}, and backslash escapes for the characters that would otherwise end a column or row.
 * Arrays are written as array literals, which COPY then escapes like any other text.
 */
final class CopyText {

    /** COPY's default NULL marker. */
    static final String NULL = "\\N";

    private CopyText() {
    }

    /** The COPY text form of {@code value}; {@code null} becomes {@link #NULL}. */
    static String escape(String value) {
        if (value == null) {
            return NULL;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        appendEscaped(out, value);
        return out.toString();
    }

    /** Appends {@code value} escaped; appending to one buffer avoids a string per column on the hot path. */
    static void appendEscaped(StringBuilder out, String value) {
        if (value == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000B' -> out.append("\\v");
                default -> out.append(c);
            }
        }
    }

    /**
     * A PostgreSQL array literal such as {@code {eco,"kids, 3+"}} (not yet COPY-escaped). Elements are
     * quoted only where the array parser could misread them: empty strings, the word NULL, whitespace
     * (trimmed when unquoted), and the characters that delimit or escape elements. {@code null} elements are NULL.
     */
    static String arrayLiteral(List<String> elements) {
        if (elements == null) {
            return null;
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String element = elements.get(i);
            if (element == null) {
                out.append("NULL");
            } else if (needsQuotes(element)) {
                out.append('"');
                for (int j = 0; j < element.length(); j++) {
                    char c = element.charAt(j);
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            } else {
                out.append(element);
            }
        }
        return out.append('}').toString();
    }

    private static boolean needsQuotes(String element) {
        if (element.isEmpty() || element.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
