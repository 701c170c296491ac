package dev.ferry.sync;

import dev.ferry.core.schema.LogicalKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incremental high-water mark as text both PostgreSQL and MySQL cast back to the cursor's type, and
 * that text read back as a value, so that a new mark is only taken when it lies beyond the old one.
 */
final class CursorText {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    /** Date, time, optional fraction, optional offset: Ferry's own marks and the servers' text alike. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d)[ T](\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)\\s*(Z|[+-]\\d\\d(?::?\\d\\d)?)?");

    private CursorText() {
    }

    static String of(Object value, LogicalKind kind) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime local) {
            return LOCAL.format(local);
        }
        if (value instanceof Instant instant) {
            return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "+00:00";
        }
        if (kind == LogicalKind.UINT64 && value instanceof Long raw) {
            return Long.toUnsignedString(raw); // Ferry carries UInt64 as the raw 64 bits
        }
        return value.toString();
    }

    /** Whether a cursor value can become a mark: any but a date or time outside the years 1..9999. */
    static boolean markable(Object value) {
        int year = switch (value) {
            case LocalDate date -> date.getYear();
            case LocalDateTime local -> local.getYear();
            case Instant instant -> instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                    || instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999999Z")) ? 0 : 1;
            case null, default -> 1;
        };
        return year >= 1 && year <= 9999;
    }

    /** Whether marks of this kind can be read back and compared (dates, times and numbers). */
    static boolean comparable(LogicalKind kind) {
        return CursorKinds.temporal(kind) || CursorKinds.numeric(kind);
    }

    /**
     * The mark's value, comparable with others of the same kind; null when the text is not one (such as
     * PostgreSQL's {@code infinity}) or the kind has no order Ferry knows.
     */
    static Comparable<?> parse(String text, LogicalKind kind) {
        if (text == null) {
            return null;
        }
        try {
            if (CursorKinds.numeric(kind)) {
                return new BigDecimal(text.trim());
            }
            if (kind == LogicalKind.DATE) {
                return LocalDate.parse(text.trim().substring(0, Math.min(10, text.trim().length())));
            }
            if (kind == LogicalKind.TIMESTAMP || kind == LogicalKind.TIMESTAMP_TZ) {
                Matcher m = TIMESTAMP.matcher(text.trim());
                if (!m.matches()) {
                    return null;
                }
                LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
                if (kind == LogicalKind.TIMESTAMP) {
                    return local;
                }
                String offset = m.group(3);
                return local.toInstant(offset == null ? ZoneOffset.UTC : ZoneOffset.of(offset));
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The mark after a batch whose last written cursor value is {@code last}: the greater of the two, so a
     * run that re-reads rows behind its mark never moves it back. Where values cannot be compared (a text
     * cursor, read with {@code >=} only) the rows came in the source's order from the mark on, so the last
     * one is the greatest.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String advance(String mark, Object last, LogicalKind kind) {
        if (!markable(last)) {
            // infinity, BC dates, years after 9999 (kept in text columns): as a mark they would hide every later
            // change or not cast back at all; such rows lie at the ends of the cursor's order and are read again
            return mark;
        }
        String candidate = of(last, kind);
        if (candidate == null) {
            return mark;
        }
        if (mark == null || !comparable(kind)) {
            return candidate;
        }
        Comparable previous = parse(mark, kind);
        Comparable next = parse(candidate, kind);
        if (previous == null || next == null) {
            return candidate;
        }
        return next.compareTo(previous) > 0 ? candidate : mark;
    }
}
