package dev.imgcls.train.optim;

import java.util.Arrays;
import java.util.Locale;

/** The {@code optimizer_type} choices. */
public enum OptimizerType {
    MOMENTUM, ADAM, RMSPROP;

    /** The spelling on the command line. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptimizerType parse(String value) {
        for (OptimizerType t : values()) {
            if (t.flagValue().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown optimizer_type '" + value + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(OptimizerType::flagValue).toList()));
    }
}
