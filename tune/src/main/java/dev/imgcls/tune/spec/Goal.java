package dev.imgcls.tune.spec;

/** Whether the study looks for the largest or the smallest value of its metric. */
public enum Goal {
    MAXIMIZE,
    MINIMIZE;

    /** True when {@code a} is strictly better than {@code b} for this goal. */
    public boolean isBetter(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }

    /** The value as a quantity to maximise: the value itself, or its negation for MINIMIZE. */
    public double toMaximized(double value) {
        return this == MAXIMIZE ? value : -value;
    }
}
