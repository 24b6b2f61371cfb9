package dev.imgcls.tune.spec;

/**
 * How a numeric parameter's range is mapped onto [0, 1] for the search algorithms (AI Platform's
 * {@code scaleType}). NONE (unset) behaves as linear.
 */
public enum ScaleType {
    NONE,
    UNIT_LINEAR_SCALE,
    /** Uniform in log(value): for ranges over orders of magnitude, like a learning rate. Needs min &gt; 0. */
    UNIT_LOG_SCALE,
    /** Dense near maxValue, sparse near minValue (e.g. a decay close to 1). Needs min &gt; 0. */
    UNIT_REVERSE_LOG_SCALE;

    public boolean isLogarithmic() {
        return this == UNIT_LOG_SCALE || this == UNIT_REVERSE_LOG_SCALE;
    }
}
