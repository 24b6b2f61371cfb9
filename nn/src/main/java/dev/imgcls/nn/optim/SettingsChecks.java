package dev.imgcls.nn.optim;

import java.math.BigDecimal;

/** Range checks for optimizer hyperparameters; messages name the hyperparameter as TF does. */
final class SettingsChecks {
    private SettingsChecks() {
    }

    static void nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + plain(value));
        }
    }

    static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number > 0, got " + plain(value));
        }
    }

    /** [0, 1): an exponential decay rate; 1 would stop the average from ever moving (and divides by 0 in Adam). */
    static void decayRate(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + plain(value));
        }
    }

    /** "1", "0.0001": the number as a user would type it. */
    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
