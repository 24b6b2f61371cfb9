package dev.imgcls.tune.space;

import dev.imgcls.tune.spec.ScaleType;

/**
 * Maps a numeric range onto [0, 1] the way the scale type asks: linear; log (uniform in log value); reverse log
 * (mirror of log, so that values near the top of the range are dense). Search algorithms sample and model in the
 * unit interval, so a scale changes both where random trials fall and which values the GP sees as close.
 */
public final class UnitScaling {
    private UnitScaling() {
    }

    /** The position of {@code x} in [min, max] on the unit interval. */
    public static double toUnit(double x, double min, double max, ScaleType scale) {
        if (max == min) {
            return 0;
        }
        double u = switch (scale) {
            case NONE, UNIT_LINEAR_SCALE -> (x - min) / (max - min);
            case UNIT_LOG_SCALE -> (Math.log(x) - Math.log(min)) / (Math.log(max) - Math.log(min));
            case UNIT_REVERSE_LOG_SCALE ->
                    1 - (Math.log(max + min - x) - Math.log(min)) / (Math.log(max) - Math.log(min));
        };
        return clamp01(u);
    }

    /** The value in [min, max] at unit position {@code u}; the inverse of {@link #toUnit}. */
    public static double fromUnit(double u, double min, double max, ScaleType scale) {
        if (max == min) {
            return min;
        }
        u = clamp01(u);
        if (u == 0 || u == 1) {
            return u == 0 ? min : max; // exactly the bound, not exp(log(bound)) a few ulps off
        }
        double x = switch (scale) {
            case NONE, UNIT_LINEAR_SCALE -> min + u * (max - min);
            case UNIT_LOG_SCALE -> Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
            case UNIT_REVERSE_LOG_SCALE ->
                    max + min - Math.exp(Math.log(min) + (1 - u) * (Math.log(max) - Math.log(min)));
        };
        // exp/log round-off can step a hair outside the range.
        return Math.min(max, Math.max(min, x));
    }

    private static double clamp01(double u) {
        return u < 0 ? 0 : (u > 1 ? 1 : u);
    }
}
