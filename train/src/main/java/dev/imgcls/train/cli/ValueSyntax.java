package dev.imgcls.train.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parsing of argument values. Messages are fragments ("expects an integer, got 'x'") that
 * callers prefix with the flag or key.
 */
final class ValueSyntax {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Plain decimal numbers as Python's float() reads them; no hex, no Java 'd'/'f' suffixes, no nan/inf. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private ValueSyntax() {
    }

    static long parseLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("expects an integer, got '" + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is too large: " + text);
        }
    }

    static int parseInt(String text) {
        long v = parseLong(text);
        if (v != (int) v) {
            throw new IllegalArgumentException("is too large: " + text);
        }
        return (int) v;
    }

    static double parseDouble(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("expects a number, got '" + text + "'");
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("is too large: " + text);
        }
        return v;
    }

    static boolean parseBoolean(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("expects true or false, got '" + text + "'");
    }

    /** Comma-separated entries, each trimmed; an empty or blank text is an empty list. */
    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry in '" + text + "'");
            }
            out.add(trimmed);
        }
        return out;
    }

    /** A number as the shortest plain text that parses back to the same double ("0.0001", "32", "1.5"). */
    static String formatDouble(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.toPlainString();
    }
}
