package dev.ferry.jdbc.read;

import dev.ferry.core.schema.Temporals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Parses dates and timestamps from the sources' text form. Reading text (not java.sql.Timestamp) keeps
 * the JVM's default time zone out of the data path and lets MySQL zero dates, PostgreSQL BC dates and
 * infinities through (their Java form: {@link Temporals}); whether a target type can hold them is the
 * target's decision.
 */
final class TemporalText {

    /** Strict: MySQL's ALLOW_INVALID_DATES lets '2024-02-30' in, which must not quietly become Feb 29. */
    static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** PostgreSQL's timestamptz text in a UTC session: {@code 2024-01-02 03:04:05.123+00}. */
    static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:mm", "+00")
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private TemporalText() {
    }

    /**
     * @return the date, {@link LocalDate#EPOCH} for MySQL's zero date, BC dates and PostgreSQL's infinities as
     *         {@link Temporals} describes
     */
    static LocalDate date(String text) {
        if (isZero(text)) {
            return LocalDate.EPOCH;
        }
        return switch (text) {
            case "infinity" -> LocalDate.MAX;
            case "-infinity" -> LocalDate.MIN;
            default -> LocalDate.parse(isoYear(text));
        };
    }

    static LocalDateTime timestamp(String text) {
        if (isZero(text)) {
            return LocalDateTime.of(1970, 1, 1, 0, 0);
        }
        LocalDateTime fast = FastTemporal.localDateTime(text);
        if (fast != null) {
            return fast;
        }
        return switch (text) {
            case "infinity" -> LocalDateTime.MAX;
            case "-infinity" -> LocalDateTime.MIN;
            default -> LocalDateTime.parse(isoYear(text), LOCAL);
        };
    }

    static Instant instant(String text) {
        if (isZero(text)) {
            return Instant.EPOCH;
        }
        LocalDateTime fast = FastTemporal.utcDateTime(text);
        if (fast != null) {
            return fast.toInstant(ZoneOffset.UTC);
        }
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text.startsWith("-") ? Instant.MIN : Instant.MAX;
        }
        String iso = isoYear(text);
        try {
            return OffsetDateTime.parse(iso, WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // MySQL TIMESTAMP read in a UTC session carries no offset
            return LocalDateTime.parse(iso, LOCAL).toInstant(ZoneOffset.UTC);
        }
    }

    /**
     * PostgreSQL's spelling of years java.time does not parse, in ISO 8601's: a BC year counted back from year 0
     * ({@code 0044-03-15 BC} → {@code -0043-03-15}, {@code 0001-01-01 BC} → {@code 0000-01-01}) and a year after
     * 9999 with its sign ({@code 10000-01-01} → {@code +10000-01-01}). Anything else is returned unchanged.
     */
    static String isoYear(String text) {
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        int dash = body.indexOf('-');
        if ((dash == 4 && !bc) || dash <= 0) {
            return text;
        }
        String digits = body.substring(0, dash);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return text;
            }
        }
        long year = Long.parseLong(digits);
        long iso = bc ? 1 - year : year;
        String yearText = iso < 0 ? "-" + String.format("%04d", -iso)
                : iso > 9999 ? "+" + iso : String.format("%04d", iso);
        return yearText + body.substring(dash);
    }

    /**
     * MySQL's zero date {@code 0000-00-00} (with a zero time: {@code 0000-00-00 00:00:00.000000}). A zero date
     * with a time of day, which non-strict MySQL also accepts, is not zero and cannot be parsed: a dead letter.
     */
    private static boolean isZero(String text) {
        if (!text.startsWith("0000-00-00")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '-' && c != ' ' && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
