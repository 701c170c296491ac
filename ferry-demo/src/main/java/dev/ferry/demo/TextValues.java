package dev.ferry.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Fast text forms of the generator's values. Times are kept as seconds of a zone-less clock (read as
 * UTC) and money as whole cents, so the hot path formats without allocating formatter objects.
 */
final class TextValues {

    private static final long SECONDS_PER_DAY = 86_400;

    private TextValues() {
    }

    static long epochSecond(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC);
    }

    static LocalDateTime dateTime(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    /** {@code 1234.05} for 123405 cents; negative amounts keep their sign. */
    static void appendCents(StringBuilder out, long cents) {
        if (cents < 0) {
            out.append('-');
            cents = -cents;
        }
        long fraction = cents % 100;
        out.append(cents / 100).append('.');
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    static String cents(long cents) {
        StringBuilder out = new StringBuilder(16);
        appendCents(out, cents);
        return out.toString();
    }

    /** {@code yyyy-MM-dd}. */
    static void appendDate(StringBuilder out, long epochSecond) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        out.append(date.getYear()).append('-');
        twoDigits(out, date.getMonthValue()).append('-');
        twoDigits(out, date.getDayOfMonth());
    }

    /** {@code yyyy-MM-dd HH:mm:ss}. */
    static void appendTimestamp(StringBuilder out, long epochSecond) {
        appendDate(out, epochSecond);
        int second = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        out.append(' ');
        twoDigits(out, second / 3600).append(':');
        twoDigits(out, second / 60 % 60).append(':');
        twoDigits(out, second % 60);
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }
}
