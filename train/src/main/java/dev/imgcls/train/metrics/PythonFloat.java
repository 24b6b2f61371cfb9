package dev.imgcls.train.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python 3's {@code repr(float)} (= {@code str(float)}): the shortest decimal that reads back as
 * the same double, in fixed notation when the decimal exponent is in [-4, 16) and scientific
 * otherwise, always with a ".0" or an exponent: 0.5 → "0.5", 1.0 → "1.0", 1e-05 → "1e-05",
 * 1e16 → "1e+16", 1234.5 → "1234.5". (Java's {@code Double.toString} switches notation at other
 * exponents and, before JDK 19, is not always shortest.)
 */
public final class PythonFloat {
    private PythonFloat() {
    }

    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(x)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // x = 0.d1d2…dn × 10^point
        int point = digits.length() - shortest.scale();
        String body = point <= -4 || point > 16 ? scientific(digits, point - 1) : fixed(digits, point);
        return x < 0 ? "-" + body : body;
    }

    /** The fewest significant digits that round-trip; among those the value nearest to x. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (readsBackAs(nearest, x)) {
                return nearest;
            }
            // Next to a power of two the interval of values reading back as x is lopsided, so a
            // neighbour on the wider side may read back when the nearest does not.
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (readsBackAs(candidate, x)) {
                    return candidate;
                }
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static boolean readsBackAs(BigDecimal decimal, double x) {
        return Double.parseDouble(decimal.toString()) == x;
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        int magnitude = Math.abs(exponent);
        return mantissa + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
    }

    private static String fixed(String digits, int point) {
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return digits + "0".repeat(point - digits.length()) + ".0";
        }
        return digits.substring(0, point) + "." + digits.substring(point);
    }
}
