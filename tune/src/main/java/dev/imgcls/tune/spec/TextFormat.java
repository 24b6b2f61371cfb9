package dev.imgcls.tune.spec;

/** Number formatting for messages and command lines: whole numbers without ".0", others as Java prints them. */
public final class TextFormat {
    private TextFormat() {
    }

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
