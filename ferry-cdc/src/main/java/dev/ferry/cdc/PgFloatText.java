package dev.ferry.cdc;

import java.math.BigDecimal;

/**
 * A double as PostgreSQL 12+ prints a {@code float8} (with the default {@code extra_float_digits = 1}): the
 * shortest digits that read back as the same double, in plain notation when the decimal exponent is from -4
 * to 14 and as {@code 1.5e+16} / {@code 1e-05} otherwise, {@code NaN}, {@code Infinity} and {@code -Infinity}.
 *
 * <p>Written here because CDC receives such values as doubles (Debezium's point struct) while the snapshot
 * keeps PostgreSQL's own text; Java's {@code Double.toString} finds the same shortest digits (JDK 19+) but
 * spells them differently ({@code 1.0E16}). {@code PgFloatTextIT} checks the result against the server.
 */
final class PgFloatText {

    /** PostgreSQL switches to exponent notation from this decimal exponent on (DBL_DIG). */
    private static final int PLAIN_MAX_EXPONENT = 14;
    private static final int PLAIN_MIN_EXPONENT = -4;

    private PgFloatText() {
    }

    static String of(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        // Double.toString gives the shortest round-tripping digits; BigDecimal takes them apart exactly
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < PLAIN_MIN_EXPONENT || exponent > PLAIN_MAX_EXPONENT) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return sign + shortest.abs().toPlainString();
    }
}
