package dev.ferry.jdbc.read;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Fixed-position parsing of the timestamp text both sources send ({@code 2024-01-02 03:04:05[.ffffff][+hh[:mm]]}).
 * DateTimeFormatter took about half of a snapshot's CPU; this takes a small fraction of that. Any other
 * shape returns null and goes to the formatter, so the rules (strict dates, errors) stay the formatter's.
 */
final class FastTemporal {

    private FastTemporal() {
    }

    /** The local date-time at the start of {@code text}, or null when it is not in the common shape. */
    static LocalDateTime localDateTime(String text) {
        int end = localEnd(text);
        if (end < 0 || end != text.length()) {
            return null;
        }
        return parseLocal(text, end);
    }

    /** The offset date-time as an instant's local UTC time, or null when not in the common shape. */
    static LocalDateTime utcDateTime(String text) {
        int end = localEnd(text);
        if (end < 0) {
            return null;
        }
        LocalDateTime local = parseLocal(text, end);
        if (end == text.length()) {
            return local;
        }
        int rest = text.length() - end;
        char sign = text.charAt(end);
        if ((sign != '+' && sign != '-') || (rest != 3 && rest != 6)) {
            return null;
        }
        int hours = digits(text, end + 1, 2);
        int minutes = rest == 6 && text.charAt(end + 3) == ':' ? digits(text, end + 4, 2) : rest == 3 ? 0 : -1;
        if (hours < 0 || minutes < 0) {
            return null;
        }
        int seconds = (hours * 3600 + minutes * 60) * (sign == '+' ? 1 : -1);
        return local.minusSeconds(seconds).atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    /** Index after the local part (seconds and optional fraction), or -1 when the prefix does not fit. */
    private static int localEnd(String text) {
        if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return -1;
        }
        int i = 19;
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return -1;
            }
        }
        return i;
    }

    private static LocalDateTime parseLocal(String text, int end) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int fractionDigits = end - 20;
            nanos = digits(text, 20, fractionDigits);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        // LocalDate.of rejects impossible dates such as Feb 30, as the strict formatter does
        return LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos));
    }

    /** The non-negative number in text[from, from+count), or -1 if a character is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
