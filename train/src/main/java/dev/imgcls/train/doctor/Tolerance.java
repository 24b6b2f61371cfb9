package dev.imgcls.train.doctor;

import java.util.Locale;

/**
 * How far a candidate backend's output element may lie from the reference's, numpy's
 * {@code allclose} rule: {@code |candidate − reference| ≤ abs + rel·|reference|}. Non-finite values
 * must match exactly (NaN for NaN, the same infinity). Integer outputs always use {@link #exact}.
 *
 * @param abs the absolute part, for elements near zero (where a relative bound means nothing)
 * @param rel the relative part, for the rest
 * @param why one line on where the difference comes from, for the report
 */
public record Tolerance(double abs, double rel, String why) {
    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0) || Double.isInfinite(abs) || Double.isInfinite(rel)) {
            throw new IllegalArgumentException("tolerance parts must be finite and >= 0, got abs " + abs + ", rel " + rel);
        }
    }

    /** Bit-for-bit equal values (±0 counted equal). */
    public static Tolerance exact(String why) {
        return new Tolerance(0, 0, why);
    }

    public boolean isExact() {
        return abs == 0 && rel == 0;
    }

    /** Whether {@code actual} may stand for {@code expected}. */
    public boolean allows(double expected, double actual) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            return Double.compare(expected, actual) == 0 || (Double.isNaN(expected) && Double.isNaN(actual));
        }
        return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
    }

    /** "exact" or e.g. "abs 1e-5 + rel 1e-4". */
    @Override
    public String toString() {
        return isExact() ? "exact" : "abs " + format(abs) + " + rel " + format(rel);
    }

    /** 1e-05 → "1e-5", 2.5e-4 → "2.5e-4", 0 → "0". */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3e", v); // e.g. 2.500e-04
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return exponent == 0 ? mantissa : mantissa + "e" + exponent;
    }
}
