package dev.imgcls.train.schedule;

import java.util.Arrays;
import java.util.Locale;

/** The {@code learning_rate_decay_type} choices. */
public enum DecayType {
    COSINE, STEPWISE;

    /** The spelling on the command line. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line value, exactly as spelled in the reference page. */
    public static DecayType parse(String value) {
        for (DecayType t : values()) {
            if (t.flagValue().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown learning_rate_decay_type '" + value + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(DecayType::flagValue).toList()));
    }
}
