package dev.ferry.cdc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as PostgreSQL 12+ prints a {@code float8} (with the default {@code extra_float_digits = 1}): the
 * shortest decimal that lies strictly between the double's neighbours' midpoints (so it reads back as the same
 * double), the closest such one when several qualify, in plain notation when the decimal exponent is from -4 to
 * 14 and as {@code 1.5e+16} / {@code 1e-05} otherwise; {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0}.
 *
 * <p>Written here because CDC receives such values as doubles (Debezium's point struct) while the snapshot
 * keeps PostgreSQL's own text. Java's {@code Double.toString} differs: it spells {@code 1.0E16}, keeps two digits
 * where one suffices ({@code 4.9E-324} for PostgreSQL's {@code 5e-324}) and takes a decimal on the midpoint
 * itself ({@code 3.690541851018762E16} where PostgreSQL prints {@code 3.6905418510187616e+16}). Exact decimal
 * arithmetic keeps this short and obviously right; {@code PgFloatTextIT} checks it against the server.
 */
final class PgFloatText {

    /** PostgreSQL switches to exponent notation outside these decimal exponents (as printf's %g does). */
    private static final int PLAIN_MAX_EXPONENT = 14;
    private static final int PLAIN_MIN_EXPONENT = -4;
    private static final int MAX_DIGITS = 17;

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
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < PLAIN_MIN_EXPONENT || exponent > PLAIN_MAX_EXPONENT) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return sign + shortest.toPlainString();
    }

    /** The fewest significant digits that round to {@code x} (positive, finite), without trailing zeros. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        BigDecimal below = new BigDecimal(Math.nextDown(x));
        BigDecimal low = exact.add(below).divide(BigDecimal.TWO);
        // the largest double has no finite neighbour above: its interval is as wide above as below
        BigDecimal high = x == Double.MAX_VALUE ? exact.add(exact.subtract(low))
                : exact.add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.TWO);
        for (int precision = 1; precision < MAX_DIGITS; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.compareTo(low) > 0 && candidate.compareTo(high) < 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
