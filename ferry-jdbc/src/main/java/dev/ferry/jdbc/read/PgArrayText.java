package dev.ferry.jdbc.read;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's array text form, e.g. {@code {1,NULL,"a b"}} or {@code {{1,2},{3,4}}}. Arrays are read from
 * this text rather than through {@link java.sql.Array#getArray()}, whose element objects lose what Ferry must
 * keep: numeric NaN fails, numerics come back in scientific notation, and timestamps pass through the JVM's
 * default time zone. The same text arrives in two spellings: the server's own (text transfer) and pgjdbc's
 * rendering of a binary-transferred array, which quotes every element; both parse to the same elements, and
 * {@link #canonical} turns either into the server's spelling.
 */
final class PgArrayText {

    private final String text;
    private final char delimiter;
    private int pos;

    private PgArrayText(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    /**
     * Elements of a one-dimensional array, {@code null} for NULL.
     *
     * @throws IllegalArgumentException for a nested (multi-dimensional) value or malformed text
     */
    static List<String> elements(String text, char delimiter) {
        List<Object> items = parse(text, delimiter);
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof List) {
                throw new IllegalArgumentException("multi-dimensional value in a one-dimensional array column");
            }
            out.add((String) item);
        }
        return out;
    }

    /**
     * The array as the server itself prints it: elements quoted only where PostgreSQL quotes them. Explicit
     * lower bounds ({@code [0:1]=}) are dropped, as pgjdbc drops them from binary-transferred arrays.
     */
    static String canonical(String text, char delimiter) {
        StringBuilder out = new StringBuilder(text.length());
        write(parse(text, delimiter), delimiter, out);
        return out.toString();
    }

    private static List<Object> parse(String text, char delimiter) {
        PgArrayText parser = new PgArrayText(text, delimiter);
        parser.skipBounds();
        List<Object> items = parser.array();
        if (parser.pos != text.length()) {
            throw parser.malformed("text after the array");
        }
        return items;
    }

    /** Skips {@code [1:3][0:1]=}, which the server prints when a lower bound is not 1. */
    private void skipBounds() {
        if (!text.isEmpty() && text.charAt(0) == '[') {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw malformed("dimension decoration without '='");
            }
            pos = eq + 1;
        }
    }

    private List<Object> array() {
        expect('{');
        List<Object> items = new ArrayList<>();
        if (peek() == '}') {
            pos++;
            return items;
        }
        while (true) {
            items.add(item());
            char c = next();
            if (c == '}') {
                return items;
            }
            if (c != delimiter) {
                throw malformed("expected '" + delimiter + "' or '}'");
            }
        }
    }

    private Object item() {
        char c = peek();
        if (c == '{') {
            return array();
        }
        StringBuilder value = new StringBuilder();
        if (c == '"') {
            pos++;
            while (true) {
                char ch = next();
                if (ch == '"') {
                    return value.toString();
                }
                value.append(ch == '\\' ? next() : ch);
            }
        }
        while (peek() != delimiter && peek() != '}') {
            char ch = next();
            value.append(ch == '\\' ? next() : ch);
        }
        String unquoted = value.toString().strip();
        return unquoted.equalsIgnoreCase("NULL") ? null : unquoted;
    }

    private static void write(List<Object> items, char delimiter, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            Object item = items.get(i);
            if (item == null) {
                out.append("NULL");
            } else if (item instanceof List<?> nested) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) nested;
                write(inner, delimiter, out);
            } else {
                quote((String) item, delimiter, out);
            }
        }
        out.append('}');
    }

    /** PostgreSQL's array_out rule: quote empty strings, NULL, and anything with specials or whitespace. */
    private static void quote(String value, char delimiter, StringBuilder out) {
        boolean needsQuotes = value.isEmpty() || value.equalsIgnoreCase("NULL");
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == '"' || c == '\\' || c == '{' || c == '}' || c == delimiter || c == ' ' || c == '\t'
                    || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
        }
        if (!needsQuotes) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private char peek() {
        if (pos >= text.length()) {
            throw malformed("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw malformed("expected '" + c + "'");
        }
    }

    private IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed array text at position " + pos + ": " + what);
    }
}
