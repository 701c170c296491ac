package dev.ferry.core.schema;

/**
 * Regular expressions that match a name literally, for tools that take lists of regexes (Debezium's
 * {@code table.include.list}). Written by hand because {@link java.util.regex.Pattern#quote} is not enough
 * there: Debezium splits such lists at commas before compiling them (a backslash escapes the next
 * character, and each part is trimmed), so a {@code \Q...\E} block around a name with a comma or with
 * spaces at its ends falls apart. Every character other than a letter, digit or underscore is therefore
 * written as {@code \x{hex}}, which holds neither commas, spaces nor escapable characters.
 */
public final class NameRegex {

    private NameRegex() {
    }

    public static String literal(String name) {
        StringBuilder regex = new StringBuilder(name.length() + 16);
        name.codePoints().forEach(c -> {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
                regex.append((char) c);
            } else {
                regex.append("\\x{").append(Integer.toHexString(c)).append('}');
            }
        });
        return regex.toString();
    }
}
