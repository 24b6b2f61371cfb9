package dev.imgcls.nn.schedule;

import java.util.Locale;

/** What follows the warm-up: cosine decay or stepwise levels (see {@link LearningRateSchedule#create}). */
public enum DecayType {
    COSINE, STEPWISE;

    /** The lower-case name ({@code cosine}, {@code stepwise}), the reference's spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
