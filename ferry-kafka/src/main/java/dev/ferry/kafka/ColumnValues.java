package dev.ferry.kafka;

import dev.ferry.core.config.StreamColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one field of a message, given as text or a number, into the Java value of its column's type and
 * checks the column's rules. Everything a message can get wrong ends here as a {@link BadMessageException}
 * that names the column.
 */
final class ColumnValues {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
    /** Epoch numbers above this are milliseconds (year 5138 in seconds). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private ColumnValues() {
    }

    /**
     * @param raw a String, Number or Boolean from the message, or null when the field is absent or null
     */
    static Object convert(StreamColumn column, Object raw) throws BadMessageException {
        return convert(column, raw, true);
    }

    /**
     * The value of a delete's old image: only its key matters, and Debezium fills the other NOT NULL columns
     * with defaults that need not meet the rules; a value that does not convert is left out.
     */
    static Object convertDeleted(StreamColumn column, Object raw) {
        try {
            return raw == null ? null : convert(column, raw, false);
        } catch (BadMessageException e) {
            return null;
        }
    }

    private static Object convert(StreamColumn column, Object raw, boolean checkRules) throws BadMessageException {
        if (raw == null || raw instanceof String text && text.isEmpty() && !column.type().equals("string")) {
            if (column.required()) {
                throw bad(column, "is required but missing");
            }
            return null;
        }
        Object value = switch (column.type()) {
            case "string" -> wellFormed(column, raw.toString());
            case "int32" -> range(column, integer(column, raw), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int64" -> integer(column, raw);
            case "float64" -> floating(column, raw);
            case "boolean" -> bool(column, raw);
            case "timestamp" -> timestamp(column, raw);
            case "date" -> date(column, raw);
            default -> decimal(column, raw);
        };
        if (checkRules) {
            check(column, value);
        }
        return value;
    }

    /**
     * A JSON escape can spell half of a surrogate pair ({@code "\\ud800"}), which no UTF-8 text can hold:
     * written as is it would become {@code ?} in ClickHouse. Such a value is refused rather than changed.
     */
    private static String wellFormed(StreamColumn column, String text) throws BadMessageException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(column, String.format("holds a lone UTF-16 surrogate \\u%04x at character %d, which is not "
                        + "Unicode text and cannot be stored as UTF-8", (int) c, i));
            }
        }
        return text;
    }

    private static void check(StreamColumn column, Object value) throws BadMessageException {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (column.min() != null && d < column.min()) {
                throw bad(column, value + " is below the minimum " + plain(column.min()));
            }
            if (column.max() != null && d > column.max()) {
                throw bad(column, value + " is above the maximum " + plain(column.max()));
            }
        }
        if (value instanceof String text && column.pattern() != null && !column.pattern().matcher(text).matches()) {
            throw bad(column, "'" + abbreviate(text) + "' does not match " + column.pattern().pattern());
        }
    }

    private static Long integer(StreamColumn column, Object raw) throws BadMessageException {
        if (raw instanceof Number number) {
            if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
                BigDecimal exact = new BigDecimal(number.toString());
                try {
                    return exact.longValueExact();
                } catch (ArithmeticException e) {
                    throw bad(column, number + " is not a whole number in the int64 range");
                }
            }
            if (number instanceof java.math.BigInteger big && big.bitLength() > 63) {
                throw bad(column, number + " overflows int64");
            }
            return number.longValue();
        }
        try {
            return Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(column, "'" + abbreviate(raw.toString()) + "' is not a whole number");
        }
    }

    private static Long range(StreamColumn column, Long value, long min, long max) throws BadMessageException {
        if (value < min || value > max) {
            throw bad(column, value + " overflows int32");
        }
        return value;
    }

    private static Double floating(StreamColumn column, Object raw) throws BadMessageException {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        try {
            double value = Double.parseDouble(raw.toString().trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw bad(column, "'" + raw + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(column, "'" + abbreviate(raw.toString()) + "' is not a number");
        }
    }

    private static Boolean bool(StreamColumn column, Object raw) throws BadMessageException {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (raw.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw bad(column, "'" + abbreviate(raw.toString()) + "' is not a boolean");
        };
    }

    /** ISO-8601 with or without offset (without: UTC), or epoch seconds / milliseconds. */
    private static Instant timestamp(StreamColumn column, Object raw) throws BadMessageException {
        if (raw instanceof Number number) {
            long epoch = number.longValue();
            return epoch > MILLIS_THRESHOLD ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
        }
        String text = raw.toString().trim();
        try {
            if (text.matches("-?\\d+")) {
                return timestamp(column, Long.parseLong(text));
            }
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso.matches(".*[+-]\\d{4}$")
                        ? iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2) : iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad(column, "'" + abbreviate(text) + "' is not a timestamp (ISO-8601 or epoch seconds/milliseconds)");
        }
    }

    private static LocalDate date(StreamColumn column, Object raw) throws BadMessageException {
        try {
            return LocalDate.parse(raw.toString().trim());
        } catch (DateTimeParseException e) {
            throw bad(column, "'" + abbreviate(raw.toString()) + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static BigDecimal decimal(StreamColumn column, Object raw) throws BadMessageException {
        Matcher m = DECIMAL.matcher(column.type());
        if (!m.matches()) {
            throw new IllegalStateException("unknown type " + column.type());
        }
        int precision = Integer.parseInt(m.group(1));
        int scale = Integer.parseInt(m.group(2));
        BigDecimal value;
        try {
            value = new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(column, "'" + abbreviate(raw.toString()) + "' is not a number");
        }
        try {
            value = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw bad(column, value + " has more than " + scale + " decimal places");
        }
        if (value.precision() > precision) {
            throw bad(column, value + " has more than " + precision + " digits");
        }
        return value;
    }

    private static BadMessageException bad(StreamColumn column, String problem) {
        return new BadMessageException("column " + column.name() + " (" + column.path() + "): " + problem);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
