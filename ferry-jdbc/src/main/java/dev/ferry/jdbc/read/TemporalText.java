package dev.ferry.jdbc.read;

import java.time.DateTimeException;
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
 * the JVM's default time zone out of the data path and lets MySQL zero dates through.
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

    /** @return the date, {@link LocalDate#EPOCH} for MySQL's zero date */
    static LocalDate date(String text) {
        if (isZero(text)) {
            return LocalDate.EPOCH;
        }
        refuseSpecial(text);
        return LocalDate.parse(text);
    }

    static LocalDateTime timestamp(String text) {
        if (isZero(text)) {
            return LocalDateTime.of(1970, 1, 1, 0, 0);
        }
        LocalDateTime fast = FastTemporal.localDateTime(text);
        if (fast != null) {
            return fast;
        }
        refuseSpecial(text);
        return LocalDateTime.parse(text, LOCAL);
    }

    static Instant instant(String text) {
        if (isZero(text)) {
            return Instant.EPOCH;
        }
        LocalDateTime fast = FastTemporal.utcDateTime(text);
        if (fast != null) {
            return fast.toInstant(ZoneOffset.UTC);
        }
        refuseSpecial(text);
        try {
            return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // MySQL TIMESTAMP read in a UTC session carries no offset
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        }
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

    /** PostgreSQL's special values, which no ClickHouse date type has, with a reason a user understands. */
    private static void refuseSpecial(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            throw new DateTimeException("PostgreSQL '" + text + "' has no ClickHouse counterpart");
        }
        if (text.endsWith(" BC")) {
            throw new DateTimeException("dates before the year 1 (BC) have no ClickHouse counterpart");
        }
    }
}
