package dev.ferry.core.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads byte sizes such as {@code 64MB}: units B, KB, MB, GB are powers of 1024, no unit means bytes. */
final class Sizes {

    static final String EXPECTED = "expected a size such as 65536, 512KB, 64MB or 1GB";

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})\\s*(b|kb|mb|gb)?");

    private Sizes() {
    }

    static OptionalLong parse(String text) {
        Matcher matcher = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            default -> 1L;
        };
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(matcher.group(1)), unit));
        } catch (ArithmeticException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
