package dev.ferry.jdbc.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses dates and timestamps from the sources' text form. Reading text (not java.sql.Timestamp) keeps
 * the JVM's default time zone out of the data path and lets MySQL zero dates through.
 */
final class TemporalText {

    static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    /** PostgreSQL's timestamptz text in a UTC session: {@code 2024-01-02 03:04:05.123+00}. */
    static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:mm", "+00")
            .toFormatter();

    private TemporalText() {
    }

    /** @return the date, {@link LocalDate#EPOCH} for MySQL's zero date */
    static LocalDate date(String text) {
        if (text.startsWith("0000-00-00")) {
            return LocalDate.EPOCH;
        }
        return LocalDate.parse(text);
    }

    static LocalDateTime timestamp(String text) {
        if (text.startsWith("0000-00-00")) {
            return LocalDateTime.of(1970, 1, 1, 0, 0);
        }
        return LocalDateTime.parse(text, LOCAL);
    }

    static Instant instant(String text) {
        if (text.startsWith("0000-00-00")) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // MySQL TIMESTAMP read in a UTC session carries no offset
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        }
    }
}
