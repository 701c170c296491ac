package dev.ferry.cdc;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's geometric types ({@code box}, {@code circle}, {@code line}, {@code lseg}, {@code path},
 * {@code polygon}) as PostgreSQL prints them. Debezium hands them (as text, or as the bytes of that text for types
 * it does not know) as the JDBC driver's objects printed with Java's number formatting ({@code (3.0,4.0),(1.0,2.0)}) where a snapshot keeps PostgreSQL's text
 * ({@code (3,4),(1,2)}); the structure is the same, so each number is printed again as PostgreSQL would.
 */
final class PgGeometricText {

    static final Set<String> TYPES = Set.of("box", "circle", "line", "lseg", "path", "polygon");

    private static final Pattern NUMBER = Pattern.compile("-?(?:Infinity|NaN|\\d+(?:\\.\\d+)?(?:E-?\\d+)?)");

    private PgGeometricText() {
    }

    static String of(String javaText) {
        Matcher m = NUMBER.matcher(javaText);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PgFloatText.of(Double.parseDouble(m.group()))));
        }
        return m.appendTail(out).toString();
    }
}
